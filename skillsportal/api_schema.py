"""OpenAPI post-processing: every operation documents our one error shape."""

from typing import Any

ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "message_en": {"type": "string"},
                "detail": {"nullable": True},
            },
            "required": ["code", "message", "message_en", "detail"],
        }
    },
    "required": ["error"],
}
ERRORS = {
    "400": "ข้อมูลไม่ถูกต้อง / invalid input",
    "401": "ต้องยืนยันตัวตน / not authenticated",
    "403": "ไม่มีสิทธิ์ / permission denied",
    "404": "ไม่พบข้อมูล / not found (also: outside the caller's scope)",
    "429": "เรียกใช้บ่อยเกินไป / throttled",
}


def add_error_responses(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = (
        ERROR_SCHEMA
    )
    ref = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            for code, text in ERRORS.items():
                responses.setdefault(code, {"description": text, "content": ref})
            responses.setdefault("304", {"description": "not modified (ETag)"})
    return result
