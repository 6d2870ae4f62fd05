"""Static Thai data for the synthetic demo country: agencies, names, positions, courses.

Real ministry and department names (2024 structure, abridged), real provinces and
Bangkok districts; everything else (people, numbers) is invented. No value here may
contain a tab, newline or backslash: rows are streamed in PostgreSQL COPY text format.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# --- sectors: who works in an agency ---------------------------------------------
CIVIL = "civil"
EDUCATION = "education"
DEFENCE = "defence"
UNIVERSITY = "university"
POLICE = "police"
BANGKOK = "bangkok"
LOCAL = "local"
PUBLIC_ORG = "public_org"
STATE_ENTERPRISE = "state_enterprise"
JUDICIAL = "judicial"
PROSECUTOR = "prosecutor"
PARLIAMENT = "parliament"
INDEPENDENT = "independent"

# Personnel category weights per sector (SPEC §3 codes); the first is the primary
# category, which heads of agencies hold.
SECTOR_CATEGORIES: dict[str, tuple[tuple[str, float], ...]] = {
    CIVIL: (
        ("civil_ordinary", 68),
        ("government_employee", 12),
        ("temporary_employee", 11),
        ("permanent_employee", 7),
        ("state_agency_staff", 2),
    ),
    EDUCATION: (
        ("civil_teacher", 72),
        ("civil_ordinary", 10),
        ("temporary_employee", 9),
        ("government_employee", 6),
        ("permanent_employee", 3),
    ),
    DEFENCE: (
        ("military", 78),
        ("permanent_employee", 8),
        ("civil_ordinary", 6),
        ("government_employee", 5),
        ("temporary_employee", 3),
    ),
    UNIVERSITY: (
        ("civil_university", 50),
        ("state_agency_staff", 22),
        ("government_employee", 10),
        ("temporary_employee", 10),
        ("civil_ordinary", 8),
    ),
    POLICE: (
        ("civil_police", 90),
        ("government_employee", 4),
        ("temporary_employee", 4),
        ("permanent_employee", 2),
    ),
    BANGKOK: (
        ("civil_bangkok", 70),
        ("temporary_employee", 18),
        ("permanent_employee", 12),
    ),
    LOCAL: (
        ("civil_local", 58),
        ("temporary_employee", 30),
        ("permanent_employee", 12),
    ),
    PUBLIC_ORG: (("state_agency_staff", 92), ("temporary_employee", 8)),
    STATE_ENTERPRISE: (("state_enterprise_staff", 94), ("temporary_employee", 6)),
    JUDICIAL: (
        ("civil_judicial", 76),
        ("government_employee", 10),
        ("temporary_employee", 9),
        ("permanent_employee", 5),
    ),
    PROSECUTOR: (
        ("civil_prosecutor", 76),
        ("government_employee", 10),
        ("temporary_employee", 9),
        ("permanent_employee", 5),
    ),
    PARLIAMENT: (
        ("civil_parliament", 80),
        ("temporary_employee", 12),
        ("government_employee", 8),
    ),
    INDEPENDENT: (
        ("civil_other", 78),
        ("temporary_employee", 12),
        ("government_employee", 10),
    ),
}

# Share of all people per sector (Thailand's public sector, rounded), so that the
# mix does not depend on how many offices the plan has; within a sector people
# spread by agency headcount weights.
SECTOR_SHARES: dict[str, float] = {
    CIVIL: 45,
    EDUCATION: 14,
    LOCAL: 8,
    STATE_ENTERPRISE: 8,
    DEFENCE: 8,
    POLICE: 7,
    BANGKOK: 3,
    UNIVERSITY: 3,
    PUBLIC_ORG: 2,
    JUDICIAL: 1,
    PROSECUTOR: 0.5,
    INDEPENDENT: 0.5,
    PARLIAMENT: 0.3,
}

# Relative headcount of one agency of each kind, before the per-agency size factor.
KIND_HEADCOUNT: dict[str, float] = {
    "ministry": 6,
    "department": 40,
    "division": 18,
    "provincial_office": 12,
    "public_organization": 20,
    "state_enterprise": 120,
    "local_government": 5,
    "independent_agency": 40,
    "other": 60,
}

HEAD_TITLES: dict[str, str] = {
    "ministry": "ปลัดกระทรวง",
    "department": "อธิบดี",
    "division": "ผู้อำนวยการ",
    "provincial_office": "หัวหน้าสำนักงาน",
    "public_organization": "ผู้อำนวยการ",
    "state_enterprise": "ผู้ว่าการ",
    "local_government": "ปลัด",
    "independent_agency": "เลขาธิการ",
    "other": "ผู้บัญชาการ",
}


# --- the organisation tree ------------------------------------------------------
@dataclass(frozen=True)
class DepartmentSeed:
    """A real department (กรม or equivalent) and its provincial office pattern."""

    name_th: str
    name_en: str
    provincial: tuple[str, str] | None = None
    sector: str | None = None
    size: float = 1.0


@dataclass(frozen=True)
class RootSeed:
    """A ministry or another top-level agency, with its departments."""

    code: str
    name_th: str
    name_en: str
    kind: str
    sector: str
    size: float = 1.0
    departments: tuple[DepartmentSeed, ...] = field(default_factory=tuple)
    # Departments every seed includes, however small (teachers, academics).
    core: int = 1


def _d(
    th: str,
    en: str,
    prov: tuple[str, str] | None = None,
    sector: str | None = None,
    size: float = 1.0,
) -> DepartmentSeed:
    return DepartmentSeed(th, en, prov, sector, size)


def _m(
    code: str,
    th: str,
    en: str,
    *depts: DepartmentSeed,
    sector: str = CIVIL,
    core: int = 1,
) -> RootSeed:
    return RootSeed(code, th, en, "ministry", sector, departments=depts, core=core)


# Ordered so that a small seed still holds teachers, soldiers and academics.
MINISTRIES: tuple[RootSeed, ...] = (
    _m(
        "MOF",
        "กระทรวงการคลัง",
        "Ministry of Finance",
        _d("สำนักงานปลัดกระทรวงการคลัง", "Office of the Permanent Secretary"),
        _d(
            "กรมบัญชีกลาง",
            "The Comptroller General's Department",
            ("สำนักงานคลังจังหวัด{p}", "{p} Provincial Comptroller Office"),
        ),
        _d(
            "กรมสรรพากร",
            "The Revenue Department",
            ("สำนักงานสรรพากรพื้นที่{p}", "{p} Area Revenue Office"),
            size=2.0,
        ),
        _d("กรมศุลกากร", "The Customs Department", size=1.5),
        _d(
            "กรมสรรพสามิต",
            "The Excise Department",
            ("สำนักงานสรรพสามิตพื้นที่{p}", "{p} Area Excise Office"),
        ),
        _d(
            "กรมธนารักษ์",
            "The Treasury Department",
            ("สำนักงานธนารักษ์พื้นที่{p}", "{p} Area Treasury Office"),
        ),
        _d("สำนักงานเศรษฐกิจการคลัง", "Fiscal Policy Office"),
        _d("สำนักงานบริหารหนี้สาธารณะ", "Public Debt Management Office"),
        _d("สำนักงานคณะกรรมการนโยบายรัฐวิสาหกิจ", "State Enterprise Policy Office"),
    ),
    _m(
        "MOI",
        "กระทรวงมหาดไทย",
        "Ministry of Interior",
        _d(
            "สำนักงานปลัดกระทรวงมหาดไทย",
            "Office of the Permanent Secretary",
            ("สำนักงานจังหวัด{p}", "{p} Provincial Office"),
        ),
        _d(
            "กรมการปกครอง",
            "Department of Provincial Administration",
            ("ที่ทำการปกครองจังหวัด{p}", "{p} Provincial Administration Office"),
            size=2.5,
        ),
        _d(
            "กรมการพัฒนาชุมชน",
            "Community Development Department",
            ("สำนักงานพัฒนาชุมชนจังหวัด{p}", "{p} Community Development Office"),
        ),
        _d(
            "กรมที่ดิน",
            "Department of Lands",
            ("สำนักงานที่ดินจังหวัด{p}", "{p} Provincial Land Office"),
            size=1.5,
        ),
        _d(
            "กรมป้องกันและบรรเทาสาธารณภัย",
            "Department of Disaster Prevention and Mitigation",
            (
                "สำนักงานป้องกันและบรรเทาสาธารณภัยจังหวัด{p}",
                "{p} Disaster Prevention and Mitigation Office",
            ),
        ),
        _d(
            "กรมโยธาธิการและผังเมือง",
            "Department of Public Works and Town & Country Planning",
            ("สำนักงานโยธาธิการและผังเมืองจังหวัด{p}", "{p} Public Works Office"),
        ),
        _d(
            "กรมส่งเสริมการปกครองท้องถิ่น",
            "Department of Local Administration",
            (
                "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด{p}",
                "{p} Local Administration Office",
            ),
        ),
    ),
    _m(
        "MOE",
        "กระทรวงศึกษาธิการ",
        "Ministry of Education",
        _d(
            "สำนักงานปลัดกระทรวงศึกษาธิการ",
            "Office of the Permanent Secretary",
            ("สำนักงานศึกษาธิการจังหวัด{p}", "{p} Provincial Education Office"),
        ),
        _d(
            "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน",
            "Office of the Basic Education Commission",
            (
                "สำนักงานเขตพื้นที่การศึกษาประถมศึกษา{p} เขต 1",
                "{p} Primary Educational Service Area Office 1",
            ),
            EDUCATION,
            8.0,
        ),
        _d(
            "สำนักงานคณะกรรมการการอาชีวศึกษา",
            "Office of the Vocational Education Commission",
            ("วิทยาลัยเทคนิค{p}", "{p} Technical College"),
            EDUCATION,
            2.0,
        ),
        _d(
            "สำนักงานส่งเสริมการเรียนรู้",
            "Office of the Promotion of Learning",
            ("สำนักงานส่งเสริมการเรียนรู้จังหวัด{p}", "{p} Learning Promotion Office"),
            EDUCATION,
        ),
        _d("สำนักงานเลขาธิการสภาการศึกษา", "Office of the Education Council"),
        core=2,
    ),
    _m(
        "MOPH",
        "กระทรวงสาธารณสุข",
        "Ministry of Public Health",
        _d(
            "สำนักงานปลัดกระทรวงสาธารณสุข",
            "Office of the Permanent Secretary",
            ("สำนักงานสาธารณสุขจังหวัด{p}", "{p} Provincial Public Health Office"),
            size=5.0,
        ),
        _d("กรมการแพทย์", "Department of Medical Services", size=2.0),
        _d("กรมควบคุมโรค", "Department of Disease Control"),
        _d("กรมอนามัย", "Department of Health"),
        _d("กรมวิทยาศาสตร์การแพทย์", "Department of Medical Sciences"),
        _d("กรมสุขภาพจิต", "Department of Mental Health"),
        _d("กรมสนับสนุนบริการสุขภาพ", "Department of Health Service Support"),
        _d(
            "กรมการแพทย์แผนไทยและการแพทย์ทางเลือก",
            "Department of Thai Traditional and Alternative Medicine",
        ),
        _d("สำนักงานคณะกรรมการอาหารและยา", "Food and Drug Administration"),
    ),
    _m(
        "MOD",
        "กระทรวงกลาโหม",
        "Ministry of Defence",
        _d("สำนักงานปลัดกระทรวงกลาโหม", "Office of the Permanent Secretary"),
        _d("กองบัญชาการกองทัพไทย", "Royal Thai Armed Forces Headquarters", size=2.0),
        _d("กองทัพบก", "Royal Thai Army", size=6.0),
        _d("กองทัพเรือ", "Royal Thai Navy", size=3.0),
        _d("กองทัพอากาศ", "Royal Thai Air Force", size=3.0),
        sector=DEFENCE,
    ),
    _m(
        "MHESI",
        "กระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม",
        "Ministry of Higher Education, Science, Research and Innovation",
        _d("สำนักงานปลัดกระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม", "OPS"),
        _d("มหาวิทยาลัยรามคำแหง", "Ramkhamhaeng University", None, UNIVERSITY, 2.0),
        _d(
            "มหาวิทยาลัยสุโขทัยธรรมาธิราช",
            "Sukhothai Thammathirat Open University",
            None,
            UNIVERSITY,
        ),
        _d("กรมวิทยาศาสตร์บริการ", "Department of Science Service"),
        _d("สำนักงานปรมาณูเพื่อสันติ", "Office of Atoms for Peace"),
        _d("สำนักงานการวิจัยแห่งชาติ", "National Research Council of Thailand"),
        _d("มหาวิทยาลัยราชภัฏเชียงใหม่", "Chiang Mai Rajabhat University", None, UNIVERSITY),
        _d(
            "มหาวิทยาลัยราชภัฏนครราชสีมา",
            "Nakhon Ratchasima Rajabhat University",
            None,
            UNIVERSITY,
        ),
        _d("มหาวิทยาลัยราชภัฏสงขลา", "Songkhla Rajabhat University", None, UNIVERSITY),
        _d(
            "มหาวิทยาลัยเทคโนโลยีราชมงคลธัญบุรี",
            "Rajamangala University of Technology Thanyaburi",
            None,
            UNIVERSITY,
        ),
        core=2,
    ),
    _m(
        "MOAC",
        "กระทรวงเกษตรและสหกรณ์",
        "Ministry of Agriculture and Cooperatives",
        _d(
            "สำนักงานปลัดกระทรวงเกษตรและสหกรณ์",
            "Office of the Permanent Secretary",
            ("สำนักงานเกษตรและสหกรณ์จังหวัด{p}", "{p} Agriculture and Cooperatives Office"),
        ),
        _d(
            "กรมส่งเสริมการเกษตร",
            "Department of Agricultural Extension",
            ("สำนักงานเกษตรจังหวัด{p}", "{p} Provincial Agricultural Extension Office"),
            size=2.0,
        ),
        _d(
            "กรมปศุสัตว์",
            "Department of Livestock Development",
            ("สำนักงานปศุสัตว์จังหวัด{p}", "{p} Provincial Livestock Office"),
        ),
        _d(
            "กรมประมง",
            "Department of Fisheries",
            ("สำนักงานประมงจังหวัด{p}", "{p} Provincial Fisheries Office"),
        ),
        _d("กรมชลประทาน", "Royal Irrigation Department", size=3.0),
        _d("กรมพัฒนาที่ดิน", "Land Development Department"),
        _d("กรมวิชาการเกษตร", "Department of Agriculture"),
        _d(
            "กรมส่งเสริมสหกรณ์",
            "Cooperative Promotion Department",
            ("สำนักงานสหกรณ์จังหวัด{p}", "{p} Provincial Cooperative Office"),
        ),
        _d("กรมตรวจบัญชีสหกรณ์", "Cooperative Auditing Department"),
        _d("กรมการข้าว", "Rice Department"),
        _d("สำนักงานเศรษฐกิจการเกษตร", "Office of Agricultural Economics"),
        _d(
            "สำนักงานการปฏิรูปที่ดินเพื่อเกษตรกรรม",
            "Agricultural Land Reform Office",
            ("สำนักงานการปฏิรูปที่ดินจังหวัด{p}", "{p} Agricultural Land Reform Office"),
        ),
    ),
    _m(
        "MDES",
        "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม",
        "Ministry of Digital Economy and Society",
        _d("สำนักงานปลัดกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม", "Office of the PS"),
        _d("กรมอุตุนิยมวิทยา", "Thai Meteorological Department"),
        _d(
            "สำนักงานสถิติแห่งชาติ",
            "National Statistical Office",
            ("สำนักงานสถิติจังหวัด{p}", "{p} Provincial Statistical Office"),
        ),
    ),
    _m(
        "MOT",
        "กระทรวงคมนาคม",
        "Ministry of Transport",
        _d("สำนักงานปลัดกระทรวงคมนาคม", "Office of the Permanent Secretary"),
        _d("กรมทางหลวง", "Department of Highways", size=2.5),
        _d(
            "กรมทางหลวงชนบท",
            "Department of Rural Roads",
            ("สำนักงานทางหลวงชนบทจังหวัด{p}", "{p} Rural Roads Office"),
        ),
        _d(
            "กรมการขนส่งทางบก",
            "Department of Land Transport",
            ("สำนักงานขนส่งจังหวัด{p}", "{p} Provincial Land Transport Office"),
        ),
        _d("กรมเจ้าท่า", "Marine Department"),
        _d("กรมท่าอากาศยาน", "Department of Airports"),
        _d("กรมการขนส่งทางราง", "Department of Rail Transport"),
        _d(
            "สำนักงานนโยบายและแผนการขนส่งและจราจร",
            "Office of Transport and Traffic Policy and Planning",
        ),
    ),
    _m(
        "MOL",
        "กระทรวงแรงงาน",
        "Ministry of Labour",
        _d(
            "สำนักงานปลัดกระทรวงแรงงาน",
            "Office of the Permanent Secretary",
            ("สำนักงานแรงงานจังหวัด{p}", "{p} Provincial Labour Office"),
        ),
        _d(
            "กรมการจัดหางาน",
            "Department of Employment",
            ("สำนักงานจัดหางานจังหวัด{p}", "{p} Provincial Employment Office"),
        ),
        _d(
            "กรมพัฒนาฝีมือแรงงาน",
            "Department of Skill Development",
            ("สำนักงานพัฒนาฝีมือแรงงาน{p}", "{p} Skill Development Office"),
        ),
        _d(
            "กรมสวัสดิการและคุ้มครองแรงงาน",
            "Department of Labour Protection and Welfare",
            (
                "สำนักงานสวัสดิการและคุ้มครองแรงงานจังหวัด{p}",
                "{p} Labour Protection and Welfare Office",
            ),
        ),
        _d(
            "สำนักงานประกันสังคม",
            "Social Security Office",
            ("สำนักงานประกันสังคมจังหวัด{p}", "{p} Provincial Social Security Office"),
        ),
    ),
    _m(
        "MOJ",
        "กระทรวงยุติธรรม",
        "Ministry of Justice",
        _d(
            "สำนักงานปลัดกระทรวงยุติธรรม",
            "Office of the Permanent Secretary",
            ("สำนักงานยุติธรรมจังหวัด{p}", "{p} Provincial Justice Office"),
        ),
        _d(
            "กรมราชทัณฑ์",
            "Department of Corrections",
            ("เรือนจำจังหวัด{p}", "{p} Provincial Prison"),
            size=2.5,
        ),
        _d(
            "กรมคุมประพฤติ",
            "Department of Probation",
            ("สำนักงานคุมประพฤติจังหวัด{p}", "{p} Provincial Probation Office"),
        ),
        _d(
            "กรมพินิจและคุ้มครองเด็กและเยาวชน",
            "Department of Juvenile Observation and Protection",
        ),
        _d(
            "กรมบังคับคดี",
            "Legal Execution Department",
            ("สำนักงานบังคับคดีจังหวัด{p}", "{p} Provincial Legal Execution Office"),
        ),
        _d("กรมสอบสวนคดีพิเศษ", "Department of Special Investigation"),
        _d("กรมคุ้มครองสิทธิและเสรีภาพ", "Rights and Liberties Protection Department"),
        _d(
            "สำนักงานคณะกรรมการป้องกันและปราบปรามยาเสพติด",
            "Office of the Narcotics Control Board",
        ),
        _d("สถาบันนิติวิทยาศาสตร์", "Central Institute of Forensic Science"),
    ),
    _m(
        "MOC",
        "กระทรวงพาณิชย์",
        "Ministry of Commerce",
        _d(
            "สำนักงานปลัดกระทรวงพาณิชย์",
            "Office of the Permanent Secretary",
            ("สำนักงานพาณิชย์จังหวัด{p}", "{p} Provincial Commerce Office"),
        ),
        _d("กรมการค้าภายใน", "Department of Internal Trade"),
        _d("กรมการค้าต่างประเทศ", "Department of Foreign Trade"),
        _d("กรมเจรจาการค้าระหว่างประเทศ", "Department of Trade Negotiations"),
        _d("กรมทรัพย์สินทางปัญญา", "Department of Intellectual Property"),
        _d("กรมพัฒนาธุรกิจการค้า", "Department of Business Development"),
        _d("กรมส่งเสริมการค้าระหว่างประเทศ", "Department of International Trade Promotion"),
    ),
    _m(
        "MNRE",
        "กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม",
        "Ministry of Natural Resources and Environment",
        _d(
            "สำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม",
            "Office of the Permanent Secretary",
            (
                "สำนักงานทรัพยากรธรรมชาติและสิ่งแวดล้อมจังหวัด{p}",
                "{p} Natural Resources and Environment Office",
            ),
        ),
        _d("กรมควบคุมมลพิษ", "Pollution Control Department"),
        _d("กรมส่งเสริมคุณภาพสิ่งแวดล้อม", "Department of Environmental Quality Promotion"),
        _d("กรมทรัพยากรน้ำ", "Department of Water Resources"),
        _d("กรมทรัพยากรน้ำบาดาล", "Department of Groundwater Resources"),
        _d("กรมทรัพยากรธรณี", "Department of Mineral Resources"),
        _d("กรมป่าไม้", "Royal Forest Department", size=1.5),
        _d(
            "กรมอุทยานแห่งชาติ สัตว์ป่า และพันธุ์พืช",
            "Department of National Parks, Wildlife and Plant Conservation",
            size=1.5,
        ),
        _d("กรมทรัพยากรทางทะเลและชายฝั่ง", "Department of Marine and Coastal Resources"),
        _d(
            "กรมการเปลี่ยนแปลงสภาพภูมิอากาศและสิ่งแวดล้อม",
            "Department of Climate Change and Environment",
        ),
    ),
    _m(
        "MOEN",
        "กระทรวงพลังงาน",
        "Ministry of Energy",
        _d(
            "สำนักงานปลัดกระทรวงพลังงาน",
            "Office of the Permanent Secretary",
            ("สำนักงานพลังงานจังหวัด{p}", "{p} Provincial Energy Office"),
        ),
        _d("กรมเชื้อเพลิงธรรมชาติ", "Department of Mineral Fuels"),
        _d("กรมธุรกิจพลังงาน", "Department of Energy Business"),
        _d(
            "กรมพัฒนาพลังงานทดแทนและอนุรักษ์พลังงาน",
            "Department of Alternative Energy Development and Efficiency",
        ),
        _d("สำนักงานนโยบายและแผนพลังงาน", "Energy Policy and Planning Office"),
    ),
    _m(
        "MOIND",
        "กระทรวงอุตสาหกรรม",
        "Ministry of Industry",
        _d(
            "สำนักงานปลัดกระทรวงอุตสาหกรรม",
            "Office of the Permanent Secretary",
            ("สำนักงานอุตสาหกรรมจังหวัด{p}", "{p} Provincial Industry Office"),
        ),
        _d("กรมโรงงานอุตสาหกรรม", "Department of Industrial Works"),
        _d("กรมส่งเสริมอุตสาหกรรม", "Department of Industrial Promotion"),
        _d(
            "กรมอุตสาหกรรมพื้นฐานและการเหมืองแร่",
            "Department of Primary Industries and Mines",
        ),
        _d("สำนักงานมาตรฐานผลิตภัณฑ์อุตสาหกรรม", "Thai Industrial Standards Institute"),
        _d("สำนักงานเศรษฐกิจอุตสาหกรรม", "Office of Industrial Economics"),
        _d("สำนักงานคณะกรรมการอ้อยและน้ำตาลทราย", "Office of the Cane and Sugar Board"),
    ),
    _m(
        "MCULT",
        "กระทรวงวัฒนธรรม",
        "Ministry of Culture",
        _d(
            "สำนักงานปลัดกระทรวงวัฒนธรรม",
            "Office of the Permanent Secretary",
            ("สำนักงานวัฒนธรรมจังหวัด{p}", "{p} Provincial Cultural Office"),
        ),
        _d("กรมการศาสนา", "Religious Affairs Department"),
        _d("กรมศิลปากร", "Fine Arts Department"),
        _d("กรมส่งเสริมวัฒนธรรม", "Department of Cultural Promotion"),
        _d("สำนักงานศิลปวัฒนธรรมร่วมสมัย", "Office of Contemporary Art and Culture"),
    ),
    _m(
        "MSDHS",
        "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์",
        "Ministry of Social Development and Human Security",
        _d(
            "สำนักงานปลัดกระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์",
            "Office of the Permanent Secretary",
            (
                "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด{p}",
                "{p} Social Development and Human Security Office",
            ),
        ),
        _d("กรมพัฒนาสังคมและสวัสดิการ", "Department of Social Development and Welfare"),
        _d("กรมกิจการเด็กและเยาวชน", "Department of Children and Youth"),
        _d("กรมกิจการผู้สูงอายุ", "Department of Older Persons"),
        _d(
            "กรมกิจการสตรีและสถาบันครอบครัว",
            "Department of Women's Affairs and Family Development",
        ),
        _d(
            "กรมส่งเสริมและพัฒนาคุณภาพชีวิตคนพิการ",
            "Department of Empowerment of Persons with Disabilities",
        ),
    ),
    _m(
        "MOTS",
        "กระทรวงการท่องเที่ยวและกีฬา",
        "Ministry of Tourism and Sports",
        _d(
            "สำนักงานปลัดกระทรวงการท่องเที่ยวและกีฬา",
            "Office of the Permanent Secretary",
            ("สำนักงานการท่องเที่ยวและกีฬาจังหวัด{p}", "{p} Tourism and Sports Office"),
        ),
        _d("กรมการท่องเที่ยว", "Department of Tourism"),
        _d("กรมพลศึกษา", "Department of Physical Education"),
    ),
    _m(
        "MFA",
        "กระทรวงการต่างประเทศ",
        "Ministry of Foreign Affairs",
        _d("สำนักงานปลัดกระทรวงการต่างประเทศ", "Office of the Permanent Secretary"),
        _d("กรมการกงสุล", "Department of Consular Affairs"),
        _d("กรมสารนิเทศ", "Department of Information"),
        _d("กรมสนธิสัญญาและกฎหมาย", "Department of Treaties and Legal Affairs"),
        _d("กรมความร่วมมือระหว่างประเทศ", "Thailand International Cooperation Agency"),
        _d("กรมพิธีการทูต", "Department of Protocol"),
        _d("กรมยุโรป", "Department of European Affairs"),
        _d("กรมอเมริกาและแปซิฟิกใต้", "Department of American and South Pacific Affairs"),
    ),
    _m(
        "OPM",
        "สำนักนายกรัฐมนตรี",
        "Office of the Prime Minister",
        _d("สำนักงานปลัดสำนักนายกรัฐมนตรี", "Office of the Permanent Secretary"),
        _d(
            "กรมประชาสัมพันธ์",
            "Government Public Relations Department",
            ("สำนักงานประชาสัมพันธ์จังหวัด{p}", "{p} Provincial Public Relations Office"),
        ),
        _d("สำนักงานคณะกรรมการข้าราชการพลเรือน", "Office of the Civil Service Commission"),
        _d(
            "สำนักงานคณะกรรมการพัฒนาระบบราชการ",
            "Office of the Public Sector Development Commission",
        ),
        _d("สำนักงบประมาณ", "Bureau of the Budget"),
        _d(
            "สำนักงานสภาพัฒนาการเศรษฐกิจและสังคมแห่งชาติ",
            "Office of the National Economic and Social Development Council",
        ),
        _d("สำนักงานคณะกรรมการกฤษฎีกา", "Office of the Council of State"),
        _d("สำนักเลขาธิการคณะรัฐมนตรี", "Secretariat of the Cabinet"),
        _d("สำนักเลขาธิการนายกรัฐมนตรี", "Secretariat of the Prime Minister"),
        _d("สำนักงานคณะกรรมการคุ้มครองผู้บริโภค", "Office of the Consumer Protection Board"),
        _d("สำนักงานสภาความมั่นคงแห่งชาติ", "Office of the National Security Council"),
        _d("สำนักข่าวกรองแห่งชาติ", "National Intelligence Agency"),
    ),
)


def _r(
    code: str, th: str, en: str, kind: str, sector: str, size: float = 1.0
) -> RootSeed:
    return RootSeed(code, th, en, kind, sector, size)


POLICE_ROOT = _r("RTP", "สำนักงานตำรวจแห่งชาติ", "Royal Thai Police", "other", POLICE, 8.0)
POLICE_DIVISIONS: tuple[tuple[str, str], ...] = (
    ("กองบัญชาการตำรวจนครบาล", "Metropolitan Police Bureau"),
    ("กองบัญชาการตำรวจสอบสวนกลาง", "Central Investigation Bureau"),
    ("กองบัญชาการตำรวจตระเวนชายแดน", "Border Patrol Police Bureau"),
    ("สำนักงานเทคโนโลยีสารสนเทศและการสื่อสาร", "Information and Communication Bureau"),
    *((f"ตำรวจภูธรภาค {n}", f"Provincial Police Region {n}") for n in range(1, 10)),
)
POLICE_PROVINCIAL = ("ตำรวจภูธรจังหวัด{p}", "{p} Provincial Police")

BANGKOK_ROOT = _r(
    "BMA", "กรุงเทพมหานคร", "Bangkok Metropolitan Administration",
    "local_government", BANGKOK, 6.0,
)  # fmt: skip
BANGKOK_DISTRICTS: tuple[tuple[str, str], ...] = (
    ("พระนคร", "Phra Nakhon"), ("ป้อมปราบศัตรูพ่าย", "Pom Prap Sattru Phai"),
    ("ปทุมวัน", "Pathum Wan"), ("สัมพันธวงศ์", "Samphanthawong"),
    ("บางรัก", "Bang Rak"), ("ยานนาวา", "Yan Nawa"), ("สาทร", "Sathon"),
    ("บางคอแหลม", "Bang Kho Laem"), ("ดุสิต", "Dusit"), ("บางซื่อ", "Bang Sue"),
    ("พญาไท", "Phaya Thai"), ("ราชเทวี", "Ratchathewi"), ("ห้วยขวาง", "Huai Khwang"),
    ("ดินแดง", "Din Daeng"), ("จตุจักร", "Chatuchak"), ("ลาดพร้าว", "Lat Phrao"),
    ("บางเขน", "Bang Khen"), ("หลักสี่", "Lak Si"), ("ดอนเมือง", "Don Mueang"),
    ("สายไหม", "Sai Mai"), ("บางกะปิ", "Bang Kapi"),
    ("วังทองหลาง", "Wang Thonglang"), ("บึงกุ่ม", "Bueng Kum"),
    ("คันนายาว", "Khan Na Yao"), ("สะพานสูง", "Saphan Sung"),
    ("มีนบุรี", "Min Buri"), ("คลองสามวา", "Khlong Sam Wa"),
    ("หนองจอก", "Nong Chok"), ("ลาดกระบัง", "Lat Krabang"), ("ประเวศ", "Prawet"),
    ("สวนหลวง", "Suan Luang"), ("พระโขนง", "Phra Khanong"), ("บางนา", "Bang Na"),
    ("คลองเตย", "Khlong Toei"), ("วัฒนา", "Watthana"), ("ธนบุรี", "Thon Buri"),
    ("คลองสาน", "Khlong San"), ("บางกอกใหญ่", "Bangkok Yai"),
    ("บางกอกน้อย", "Bangkok Noi"), ("บางพลัด", "Bang Phlat"),
    ("ตลิ่งชัน", "Taling Chan"), ("ทวีวัฒนา", "Thawi Watthana"),
    ("ภาษีเจริญ", "Phasi Charoen"), ("บางแค", "Bang Khae"),
    ("หนองแขม", "Nong Khaem"), ("ราษฎร์บูรณะ", "Rat Burana"),
    ("ทุ่งครุ", "Thung Khru"), ("จอมทอง", "Chom Thong"),
    ("บางขุนเทียน", "Bang Khun Thian"), ("บางบอน", "Bang Bon"),
)  # fmt: skip

# Always present (in this order) after the ministries, so every category appears.
CORE_ROOTS: tuple[RootSeed, ...] = (
    POLICE_ROOT,
    BANGKOK_ROOT,
    _r("OAG", "สำนักงานอัยการสูงสุด", "Office of the Attorney General",
       "independent_agency", PROSECUTOR, 2.0),
    _r("COJ", "สำนักงานศาลยุติธรรม", "Office of the Judiciary",
       "independent_agency", JUDICIAL, 2.0),
    _r("HOR", "สำนักงานเลขาธิการสภาผู้แทนราษฎร",
       "Secretariat of the House of Representatives", "other", PARLIAMENT),
    _r("ECT", "สำนักงานคณะกรรมการการเลือกตั้ง", "Office of the Election Commission",
       "independent_agency", INDEPENDENT),
)  # fmt: skip

INDEPENDENT_ROOTS: tuple[RootSeed, ...] = (
    _r("OMB", "สำนักงานผู้ตรวจการแผ่นดิน", "Office of the Ombudsman",
       "independent_agency", INDEPENDENT),
    _r("NACC", "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ",
       "Office of the National Anti-Corruption Commission",
       "independent_agency", INDEPENDENT, 1.5),
    _r("SAO", "สำนักงานการตรวจเงินแผ่นดิน", "State Audit Office",
       "independent_agency", INDEPENDENT, 1.5),
    _r("NHRC", "สำนักงานคณะกรรมการสิทธิมนุษยชนแห่งชาติ",
       "Office of the National Human Rights Commission",
       "independent_agency", INDEPENDENT),
    _r("CCO", "สำนักงานศาลรัฐธรรมนูญ", "Office of the Constitutional Court",
       "independent_agency", INDEPENDENT),
    _r("AOC", "สำนักงานศาลปกครอง", "Office of the Administrative Courts",
       "independent_agency", JUDICIAL),
    _r("SEN", "สำนักงานเลขาธิการวุฒิสภา", "Secretariat of the Senate",
       "other", PARLIAMENT),
)  # fmt: skip

PUBLIC_ORGANIZATIONS: tuple[tuple[str, str, str], ...] = (
    ("DGA", "สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)",
     "Digital Government Development Agency"),
    ("ONESQA", "สำนักงานรับรองมาตรฐานและประเมินคุณภาพการศึกษา (องค์การมหาชน)",
     "Office for National Education Standards and Quality Assessment"),
    ("NIETS", "สถาบันทดสอบทางการศึกษาแห่งชาติ (องค์การมหาชน)",
     "National Institute of Educational Testing Service"),
    ("HAI", "สถาบันรับรองคุณภาพสถานพยาบาล (องค์การมหาชน)",
     "Healthcare Accreditation Institute"),
    ("HII", "สถาบันสารสนเทศทรัพยากรน้ำ (องค์การมหาชน)", "Hydro-Informatics Institute"),
    ("GISTDA", "สำนักงานพัฒนาเทคโนโลยีอวกาศและภูมิสารสนเทศ (องค์การมหาชน)",
     "Geo-Informatics and Space Technology Development Agency"),
    ("SLRI", "สถาบันวิจัยแสงซินโครตรอน (องค์การมหาชน)",
     "Synchrotron Light Research Institute"),
    ("TCEB", "สำนักงานส่งเสริมการจัดประชุมและนิทรรศการ (องค์การมหาชน)",
     "Thailand Convention and Exhibition Bureau"),
    ("DASTA", "องค์การบริหารการพัฒนาพื้นที่พิเศษเพื่อการท่องเที่ยวอย่างยั่งยืน "
     "(องค์การมหาชน)", "Designated Areas for Sustainable Tourism Administration"),
    ("MPC", "ศูนย์คุณธรรม (องค์การมหาชน)", "Moral Promotion Center"),
    ("FAT", "หอภาพยนตร์ (องค์การมหาชน)", "Film Archive (Public Organization)"),
    ("CODI", "สถาบันพัฒนาองค์กรชุมชน (องค์การมหาชน)",
     "Community Organizations Development Institute"),
    ("TINT", "สถาบันเทคโนโลยีนิวเคลียร์แห่งชาติ (องค์การมหาชน)",
     "Thailand Institute of Nuclear Technology"),
    ("BPH", "โรงพยาบาลบ้านแพ้ว (องค์การมหาชน)", "Banphaeo Hospital"),
    ("OKMD", "สำนักงานบริหารและพัฒนาองค์ความรู้ (องค์การมหาชน)",
     "Office of Knowledge Management and Development"),
    ("TPQI", "สถาบันคุณวุฒิวิชาชีพ (องค์การมหาชน)",
     "Thailand Professional Qualification Institute"),
    ("CEA", "สำนักงานส่งเสริมเศรษฐกิจสร้างสรรค์ (องค์การมหาชน)",
     "Creative Economy Agency"),
    ("BEDO", "สำนักงานพัฒนาเศรษฐกิจจากฐานชีวภาพ (องค์การมหาชน)",
     "Biodiversity-Based Economy Development Office"),
    ("NARIT", "สถาบันวิจัยดาราศาสตร์แห่งชาติ (องค์การมหาชน)",
     "National Astronomical Research Institute of Thailand"),
    ("PDA", "สำนักงานพัฒนาพิงคนคร (องค์การมหาชน)", "Pinkanakorn Development Agency"),
)  # fmt: skip

STATE_ENTERPRISES: tuple[tuple[str, str, str, float], ...] = (
    ("EGAT", "การไฟฟ้าฝ่ายผลิตแห่งประเทศไทย",
     "Electricity Generating Authority of Thailand", 2.0),
    ("PEA", "การไฟฟ้าส่วนภูมิภาค", "Provincial Electricity Authority", 2.5),
    ("MEA", "การไฟฟ้านครหลวง", "Metropolitan Electricity Authority", 1.5),
    ("PWA", "การประปาส่วนภูมิภาค", "Provincial Waterworks Authority", 1.0),
    ("MWA", "การประปานครหลวง", "Metropolitan Waterworks Authority", 0.8),
    ("SRT", "การรถไฟแห่งประเทศไทย", "State Railway of Thailand", 1.2),
    ("THP", "บริษัท ไปรษณีย์ไทย จำกัด", "Thailand Post Co., Ltd.", 1.5),
    ("GSB", "ธนาคารออมสิน", "Government Savings Bank", 1.5),
    ("BAAC", "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร",
     "Bank for Agriculture and Agricultural Co-operatives", 1.5),
    ("PAT", "การท่าเรือแห่งประเทศไทย", "Port Authority of Thailand", 0.5),
    ("GHB", "ธนาคารอาคารสงเคราะห์", "Government Housing Bank", 0.5),
    ("NHA", "การเคหะแห่งชาติ", "National Housing Authority", 0.4),
    ("BMTA", "องค์การขนส่งมวลชนกรุงเทพ", "Bangkok Mass Transit Authority", 0.8),
    ("EXAT", "การทางพิเศษแห่งประเทศไทย", "Expressway Authority of Thailand", 0.5),
    ("TAT", "การท่องเที่ยวแห่งประเทศไทย", "Tourism Authority of Thailand", 0.3),
    ("GPO", "องค์การเภสัชกรรม", "Government Pharmaceutical Organization", 0.4),
    ("NT", "บริษัท โทรคมนาคมแห่งชาติ จำกัด (มหาชน)",
     "National Telecom Public Company Limited", 1.2),
    ("IEAT", "การนิคมอุตสาหกรรมแห่งประเทศไทย",
     "Industrial Estate Authority of Thailand", 0.2),
    ("SAT", "การกีฬาแห่งประเทศไทย", "Sports Authority of Thailand", 0.2),
    ("ZPOT", "องค์การสวนสัตว์แห่งประเทศไทย", "Zoological Park Organization", 0.2),
    ("SMEDB", "ธนาคารพัฒนาวิสาหกิจขนาดกลางและขนาดย่อมแห่งประเทศไทย",
     "SME Development Bank of Thailand", 0.3),
    ("MRTA", "การรถไฟฟ้าขนส่งมวลชนแห่งประเทศไทย",
     "Mass Rapid Transit Authority of Thailand", 0.2),
    ("TCL", "บริษัท ขนส่ง จำกัด", "The Transport Co., Ltd.", 0.3),
    ("FIO", "องค์การอุตสาหกรรมป่าไม้", "Forest Industry Organization", 0.2),
    ("TOAT", "การยาสูบแห่งประเทศไทย", "Tobacco Authority of Thailand", 0.4),
)  # fmt: skip

# Divisions (กอง/สำนัก) found in most departments.
DIVISIONS: tuple[tuple[str, str], ...] = (
    ("สำนักงานเลขานุการกรม", "Office of the Secretary"),
    ("กองการเจ้าหน้าที่", "Personnel Division"),
    ("กองคลัง", "Finance Division"),
    ("ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร", "ICT Center"),
    ("กองแผนงาน", "Planning Division"),
    ("กองกฎหมาย", "Legal Affairs Division"),
    ("กลุ่มตรวจสอบภายใน", "Internal Audit Group"),
    ("กลุ่มพัฒนาระบบบริหาร", "Public Sector Development Group"),
    ("กองพัฒนาทรัพยากรบุคคล", "Human Resource Development Division"),
    ("กองนโยบายและยุทธศาสตร์", "Policy and Strategy Division"),
    ("กองประชาสัมพันธ์", "Public Relations Division"),
    ("กองวิจัยและพัฒนา", "Research and Development Division"),
    ("กองมาตรฐานและรับรอง", "Standards and Certification Division"),
    ("กองติดตามและประเมินผล", "Monitoring and Evaluation Division"),
    ("กองความร่วมมือระหว่างประเทศ", "International Cooperation Division"),
    ("กองพัสดุ", "Procurement Division"),
    ("กองบริการประชาชน", "Public Service Division"),
    ("สำนักบริหารกลาง", "Bureau of General Administration"),
    ("สำนักนโยบายและแผน", "Bureau of Policy and Planning"),
    ("สำนักตรวจราชการ", "Bureau of Inspection"),
    ("กองส่งเสริมและพัฒนา", "Promotion and Development Division"),
    ("กองข้อมูลและสารสนเทศ", "Data and Information Division"),
    ("ศูนย์ข้อมูลกลาง", "Central Data Center"),
    ("กองบริหารความเสี่ยง", "Risk Management Division"),
    ("กองนวัตกรรมดิจิทัล", "Digital Innovation Division"),
    ("สถาบันพัฒนาบุคลากร", "Personnel Development Institute"),
    ("กองอาคารและสถานที่", "Buildings and Facilities Division"),
    ("กองสื่อสารองค์กร", "Corporate Communications Division"),
    ("ศูนย์ปฏิบัติการ", "Operations Center"),
    ("กองบริหารงานภูมิภาค", "Regional Administration Division"),
    ("สำนักงานภาคเหนือ", "Northern Regional Office"),
    ("สำนักงานภาคตะวันออกเฉียงเหนือ", "Northeastern Regional Office"),
    ("สำนักงานภาคกลาง", "Central Regional Office"),
    ("สำนักงานภาคใต้", "Southern Regional Office"),
    ("สำนักงานภาคตะวันออก", "Eastern Regional Office"),
    ("กองบริหารการคลัง", "Fiscal Administration Division"),
)

PROVINCES: tuple[tuple[str, str], ...] = (
    ("กระบี่", "Krabi"), ("กาญจนบุรี", "Kanchanaburi"), ("กาฬสินธุ์", "Kalasin"),
    ("กำแพงเพชร", "Kamphaeng Phet"), ("ขอนแก่น", "Khon Kaen"),
    ("จันทบุรี", "Chanthaburi"), ("ฉะเชิงเทรา", "Chachoengsao"),
    ("ชลบุรี", "Chon Buri"), ("ชัยนาท", "Chai Nat"), ("ชัยภูมิ", "Chaiyaphum"),
    ("ชุมพร", "Chumphon"), ("เชียงราย", "Chiang Rai"), ("เชียงใหม่", "Chiang Mai"),
    ("ตรัง", "Trang"), ("ตราด", "Trat"), ("ตาก", "Tak"),
    ("นครนายก", "Nakhon Nayok"), ("นครปฐม", "Nakhon Pathom"),
    ("นครพนม", "Nakhon Phanom"), ("นครราชสีมา", "Nakhon Ratchasima"),
    ("นครศรีธรรมราช", "Nakhon Si Thammarat"), ("นครสวรรค์", "Nakhon Sawan"),
    ("นนทบุรี", "Nonthaburi"), ("นราธิวาส", "Narathiwat"), ("น่าน", "Nan"),
    ("บึงกาฬ", "Bueng Kan"), ("บุรีรัมย์", "Buri Ram"), ("ปทุมธานี", "Pathum Thani"),
    ("ประจวบคีรีขันธ์", "Prachuap Khiri Khan"), ("ปราจีนบุรี", "Prachin Buri"),
    ("ปัตตานี", "Pattani"), ("พระนครศรีอยุธยา", "Phra Nakhon Si Ayutthaya"),
    ("พะเยา", "Phayao"), ("พังงา", "Phang Nga"), ("พัทลุง", "Phatthalung"),
    ("พิจิตร", "Phichit"), ("พิษณุโลก", "Phitsanulok"), ("เพชรบุรี", "Phetchaburi"),
    ("เพชรบูรณ์", "Phetchabun"), ("แพร่", "Phrae"), ("ภูเก็ต", "Phuket"),
    ("มหาสารคาม", "Maha Sarakham"), ("มุกดาหาร", "Mukdahan"),
    ("แม่ฮ่องสอน", "Mae Hong Son"), ("ยโสธร", "Yasothon"), ("ยะลา", "Yala"),
    ("ร้อยเอ็ด", "Roi Et"), ("ระนอง", "Ranong"), ("ระยอง", "Rayong"),
    ("ราชบุรี", "Ratchaburi"), ("ลพบุรี", "Lop Buri"), ("ลำปาง", "Lampang"),
    ("ลำพูน", "Lamphun"), ("เลย", "Loei"), ("ศรีสะเกษ", "Si Sa Ket"),
    ("สกลนคร", "Sakon Nakhon"), ("สงขลา", "Songkhla"), ("สตูล", "Satun"),
    ("สมุทรปราการ", "Samut Prakan"), ("สมุทรสงคราม", "Samut Songkhram"),
    ("สมุทรสาคร", "Samut Sakhon"), ("สระแก้ว", "Sa Kaeo"), ("สระบุรี", "Saraburi"),
    ("สิงห์บุรี", "Sing Buri"), ("สุโขทัย", "Sukhothai"),
    ("สุพรรณบุรี", "Suphan Buri"), ("สุราษฎร์ธานี", "Surat Thani"),
    ("สุรินทร์", "Surin"), ("หนองคาย", "Nong Khai"),
    ("หนองบัวลำภู", "Nong Bua Lam Phu"), ("อ่างทอง", "Ang Thong"),
    ("อำนาจเจริญ", "Amnat Charoen"), ("อุดรธานี", "Udon Thani"),
    ("อุตรดิตถ์", "Uttaradit"), ("อุทัยธานี", "Uthai Thani"),
    ("อุบลราชธานี", "Ubon Ratchathani"),
)  # fmt: skip

# Common sub-district (ตำบล) names, combined with provinces for local governments.
TAMBONS: tuple[str, ...] = (
    "บ้านใหม่", "บ้านเหล่า", "หนองบัว", "โนนสูง", "ท่าช้าง", "บางพลี", "ในเมือง",
    "หนองแวง", "ดอนแก้ว", "นาดี", "ห้วยทราย", "บ้านกลาง", "โคกสูง", "หนองหญ้าปล้อง",
    "ท่าข้าม", "บ้านโพธิ์", "ทุ่งใหญ่", "หนองไผ่", "บ้านแพ้ว", "ป่าแดด", "แม่ริม",
    "สันทราย", "บ้านดู่", "ท่าตูม", "หนองบอน", "โพนทอง", "นาเจริญ", "คำน้ำแซบ",
    "ห้วยยาง", "วังน้ำเย็น", "บางกระทุ่ม", "ศรีสำราญ", "บ้านเป็ด", "เมืองเก่า",
    "หัวทะเล", "ทุ่งสง", "ควนลัง", "คลองแห", "บ่อยาง", "เขารูปช้าง", "ปากน้ำ",
    "ท่าศาลา", "นาบอน", "ดอนตูม", "บางเลน", "ลำลูกกา", "คลองหลวง", "บางใหญ่",
    "บางบัวทอง", "ไทรน้อย", "ท่าทราย", "บางกรวย", "หนองจอก", "ห้วยโป่ง", "เนินพระ",
    "มาบตาพุด", "บ้านฉาง", "แกลง", "สัตหีบ", "บางละมุง", "หนองปรือ", "นาเกลือ",
    "ศรีราชา", "บ่อวิน", "พนัสนิคม", "บ้านบึง", "หนองใหญ่", "เกาะจันทร์", "พานทอง",
    "วังสะพุง", "ด่านซ้าย", "เชียงคาน", "ภูเรือ", "นาแห้ว", "ท่าลี่", "ปากชม",
    "กุดป่อง", "นาอาน", "เมืองพาน", "แม่สาย", "เชียงแสน", "เทิง", "ป่าแดง",
    "แม่จัน", "ดอยหลวง", "พญาเม็งราย", "เวียงชัย", "บ้านธิ", "ป่าซาง", "แม่ทา",
    "ทุ่งหัวช้าง", "ลี้", "บ้านโฮ่ง", "เวียงหนองล่อง", "สบตุ๋ย", "พระบาท",
    "ชมพู", "บ่อแฮ้ว", "ต้นธงชัย", "กล้วยแพะ", "พิชัย", "บ้านเสด็จ",
)  # fmt: skip

# --- positions (DPIS codes for the civil service) ----------------------------------
EXEC, DIRECTOR, ACADEMIC, POLICY, DIGITAL, GENERAL, SERVICE, OTHER = (
    "exec", "dir", "acad", "pol", "dig", "gen", "serv", "oth",
)  # fmt: skip
# Target group (SPEC §4) of each kind of work; acad and gen depend on the person's
# track: 3 or 5 (digital specialists), 4 (service work) or 6.
KIND_GROUPS: dict[str, tuple[int, ...]] = {
    EXEC: (1,),
    DIRECTOR: (2,),
    ACADEMIC: (3, 5),
    POLICY: (3,),
    DIGITAL: (5,),
    GENERAL: (4, 6),
    SERVICE: (4,),
    OTHER: (6,),
}


@dataclass(frozen=True)
class Rung:
    """One position level on a career ladder, and the levels a promotion leads to."""

    code: str
    position_type: str
    level: str
    kind: str
    titles: tuple[str, ...]
    weight: float
    promotes_to: tuple[str, ...] = ()


_POLICY_TITLES = (
    "นักวิเคราะห์นโยบายและแผน", "นักทรัพยากรบุคคล", "นิติกร", "นักวิชาการเงินและบัญชี",
    "นักจัดการงานทั่วไป", "นักวิชาการพัสดุ", "นักประชาสัมพันธ์",
    "นักวิชาการตรวจสอบภายใน", "นักวิชาการสถิติ", "นักวิเทศสัมพันธ์",
)  # fmt: skip
_DIGITAL_TITLES = ("นักวิชาการคอมพิวเตอร์", "นักวิชาการคอมพิวเตอร์ (วิทยาการข้อมูล)")
_SERVICE_TITLES = (
    "เจ้าพนักงานธุรการ", "เจ้าพนักงานการเงินและบัญชี", "เจ้าพนักงานพัสดุ",
    "เจ้าพนักงานปกครอง", "เจ้าพนักงานสาธารณสุข", "เจ้าพนักงานการเกษตร",
    "เจ้าพนักงานที่ดิน",
)  # fmt: skip
_OTHER_TITLES = ("นายช่างโยธา", "นายช่างไฟฟ้า", "เจ้าพนักงานห้องสมุด", "นายช่างเครื่องกล")
# Titles of acad/gen rungs by target group.
TRACK_TITLES: dict[int, tuple[str, ...]] = {
    3: _POLICY_TITLES,
    5: _DIGITAL_TITLES,
    4: _SERVICE_TITLES,
    6: _OTHER_TITLES,
}

DPIS = (
    Rung("O1", "general", "O1", GENERAL, (), 14, ("O2",)),
    Rung("O2", "general", "O2", GENERAL, (), 14, ("O3",)),
    Rung("O3", "general", "O3", GENERAL, (), 10, ("O4",)),
    Rung("O4", "general", "O4", GENERAL, (), 2),
    Rung("K1", "academic", "K1", ACADEMIC, (), 18, ("K2",)),
    Rung("K2", "academic", "K2", ACADEMIC, (), 18, ("K3",)),
    Rung("K3", "academic", "K3", ACADEMIC, (), 12, ("K4", "D1")),
    Rung("K4", "academic", "K4", ACADEMIC, (), 3, ("K5", "D1")),
    Rung("K5", "academic", "K5", ACADEMIC, (), 0.5),
    Rung("D1", "director", "D1", DIRECTOR,
         ("ผู้อำนวยการกอง", "ผู้อำนวยการศูนย์", "เลขานุการกรม"), 3, ("D2",)),
    Rung("D2", "director", "D2", DIRECTOR,
         ("ผู้อำนวยการสำนัก", "ผู้อำนวยการกอง"), 1.5, ("M1",)),
    Rung("M1", "executive", "M1", EXEC,
         ("รองอธิบดี", "ผู้ตรวจราชการกรม", "ผู้ช่วยปลัดกระทรวง"), 0.7, ("M2",)),
    Rung("M2", "executive", "M2", EXEC,
         ("รองปลัดกระทรวง", "ผู้ตรวจราชการกระทรวง"), 0.3),
)  # fmt: skip

LADDERS: dict[str, tuple[Rung, ...]] = {
    "dpis": DPIS,
    "teacher": (
        Rung("T0", "other", "ครูผู้ช่วย", SERVICE, ("ครูผู้ช่วย",), 10, ("T1",)),
        Rung("T1", "other", "คศ.1", SERVICE, ("ครู",), 22, ("T2",)),
        Rung("T2", "other", "คศ.2", SERVICE, ("ครู",), 30, ("T3",)),
        Rung("T3", "other", "คศ.3", SERVICE, ("ครู",), 28, ("T4", "TS")),
        Rung("T4", "other", "คศ.4", SERVICE, ("ครู",), 3),
        Rung("TS", "other", "คศ.3", POLICY, ("ศึกษานิเทศก์",), 2, ("TD",)),
        Rung("TD", "other", "คศ.4", DIRECTOR,
             ("ผู้อำนวยการสถานศึกษา", "รองผู้อำนวยการสถานศึกษา"), 4, ("TE",)),
        Rung("TE", "other", "คศ.5", EXEC,
             ("ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา",), 0.3),
    ),
    "police": (
        Rung("P1", "other", "ผบ.หมู่", SERVICE,
             ("ผู้บังคับหมู่ (ป้องกันปราบปราม)", "ผู้บังคับหมู่ (จราจร)"), 55, ("P2",)),
        Rung("P2", "other", "รอง สว.", SERVICE, ("รองสารวัตร",), 15, ("P3",)),
        Rung("P3", "other", "สว.", POLICY, ("สารวัตร", "สารวัตรสืบสวน"), 10, ("P4",)),
        Rung("PD", "other", "สว.", DIGITAL, ("สารวัตร (เทคโนโลยีสารสนเทศ)",), 2),
        Rung("P4", "other", "รอง ผกก.", DIRECTOR, ("รองผู้กำกับการ",), 4, ("P5",)),
        Rung("P5", "other", "ผกก.", DIRECTOR, ("ผู้กำกับการ",), 2, ("P6",)),
        Rung("P6", "other", "ผบก.", EXEC, ("ผู้บังคับการ",), 0.4),
    ),
    "military": (
        Rung("A1", "other", "ชั้นประทวน", OTHER, ("พลทหารประจำการ", "จ่า"), 50, ("A2",)),
        Rung("A2", "other", "ชั้นประทวน (อาวุโส)", SERVICE, ("จ่าสิบเอก",), 20, ("A3",)),
        Rung("A3", "other", "ร.ต.–ร.อ.", ACADEMIC, ("นายทหารปฏิบัติการ",), 15, ("A4",)),
        Rung("A4", "other", "พ.ต.–พ.ท.", ACADEMIC, ("นายทหารฝ่ายเสนาธิการ",), 8, ("A5",)),
        Rung("A5", "other", "พ.อ.", DIRECTOR, ("ผู้อำนวยการกอง",), 3, ("A6",)),
        Rung("A6", "other", "ชั้นนายพล", EXEC, ("เจ้ากรม", "ผู้บัญชาการ"), 0.5),
    ),
    "university": (
        Rung("U1", "other", "อาจารย์", POLICY, ("อาจารย์",), 45, ("U2",)),
        Rung("U2", "other", "ผู้ช่วยศาสตราจารย์", POLICY, ("ผู้ช่วยศาสตราจารย์",), 30,
             ("U3",)),
        Rung("U3", "other", "รองศาสตราจารย์", POLICY, ("รองศาสตราจารย์",), 12, ("U4",)),
        Rung("U4", "other", "ศาสตราจารย์", POLICY, ("ศาสตราจารย์",), 2),
        Rung("UD", "other", "ชำนาญการ", DIGITAL, ("นักวิชาการคอมพิวเตอร์",), 5),
        Rung("UR", "other", "ผู้บริหาร", DIRECTOR, ("ผู้อำนวยการกอง", "คณบดี"), 4,
             ("UE",)),
        Rung("UE", "other", "ผู้บริหารระดับสูง", EXEC, ("อธิการบดี", "รองอธิการบดี"), 0.3),
    ),
    "judicial": (
        Rung("J0", "other", "ชำนาญงาน", SERVICE, ("เจ้าพนักงานศาลยุติธรรม",), 35,
             ("J1",)),
        Rung("J1", "other", "ชำนาญการ", ACADEMIC,
             ("นิติกร", "นักวิชาการคอมพิวเตอร์"), 20),
        Rung("J2", "other", "ผู้พิพากษาประจำศาล", POLICY, ("ผู้พิพากษาประจำศาล",), 12,
             ("J3",)),
        Rung("J3", "other", "ผู้พิพากษา", POLICY, ("ผู้พิพากษา",), 25, ("J4",)),
        Rung("J4", "other", "ผู้พิพากษาหัวหน้าศาล", DIRECTOR, ("ผู้พิพากษาหัวหน้าศาล",),
             3, ("J5",)),
        Rung("J5", "other", "อธิบดีผู้พิพากษา", EXEC, ("อธิบดีผู้พิพากษา",), 0.5),
    ),
    "prosecutor": (
        Rung("R0", "other", "ชำนาญงาน", SERVICE, ("เจ้าพนักงานคดี",), 30),
        Rung("R1", "other", "อัยการผู้ช่วย", POLICY, ("อัยการผู้ช่วย",), 20, ("R2",)),
        Rung("R2", "other", "อัยการจังหวัดผู้ช่วย", POLICY, ("อัยการจังหวัดผู้ช่วย",),
             30, ("R3",)),
        Rung("R3", "other", "อัยการจังหวัด", DIRECTOR, ("อัยการจังหวัด",), 12, ("R4",)),
        Rung("R4", "other", "อธิบดีอัยการ", EXEC, ("อธิบดีอัยการ",), 1),
        Rung("RD", "other", "ชำนาญการ", DIGITAL, ("นักวิชาการคอมพิวเตอร์",), 3),
    ),
    "gov_employee": (
        Rung("G1", "other", "กลุ่มงานบริการ", SERVICE,
             ("พนักงานบริการ", "พนักงานธุรการ"), 40),
        Rung("G2", "other", "กลุ่มงานเทคนิค", OTHER, ("พนักงานเทคนิค",), 20),
        Rung("G3", "other", "กลุ่มงานบริหารทั่วไป", ACADEMIC,
             ("นักวิชาการ", "นักวิเคราะห์"), 30),
        Rung("G4", "other", "กลุ่มงานวิชาชีพเฉพาะ", POLICY, ("วิศวกร", "นักวิชาการ"), 8),
        Rung("G5", "other", "กลุ่มงานเชี่ยวชาญเฉพาะ", DIGITAL,
             ("ผู้เชี่ยวชาญด้านเทคโนโลยีสารสนเทศ",), 2),
    ),
    "permanent": (
        Rung("E1", "other", "กลุ่มงานบริการพื้นฐาน", OTHER,
             ("พนักงานขับรถยนต์", "พนักงานทั่วไป", "พนักงานสถานที่"), 55),
        Rung("E2", "other", "กลุ่มงานสนับสนุน", SERVICE, ("พนักงานธุรการ", "พนักงานพิมพ์"),
             30),
        Rung("E3", "other", "กลุ่มงานช่าง", OTHER, ("ช่างไฟฟ้า", "ช่างยนต์"), 15),
    ),
    "temporary": (
        Rung("X1", "other", "", OTHER, ("ลูกจ้างชั่วคราว", "พนักงานจ้างทั่วไป"), 55),
        Rung("X2", "other", "", SERVICE, ("เจ้าหน้าที่ธุรการ", "พนักงานจ้างตามภารกิจ"),
             38),
        Rung("X3", "other", "", DIGITAL, ("เจ้าหน้าที่คอมพิวเตอร์",), 7),
    ),
    "staff": (
        Rung("S1", "other", "ระดับ 3", SERVICE, ("เจ้าหน้าที่", "พนักงาน"), 35, ("S2",)),
        Rung("S2", "other", "ระดับ 5", GENERAL, ("เจ้าหน้าที่อาวุโส",), 25, ("S3",)),
        Rung("S3", "other", "ระดับ 7", ACADEMIC,
             ("นักวิเคราะห์", "วิศวกร", "นักวิชาการ"), 30, ("S4",)),
        Rung("S4", "other", "ระดับ 9", DIRECTOR, ("ผู้อำนวยการฝ่าย", "ผู้อำนวยการกอง"), 6,
             ("S5",)),
        Rung("S5", "other", "ระดับ 11", EXEC, ("รองผู้ว่าการ", "รองผู้อำนวยการ"), 1),
    ),
}  # fmt: skip

CATEGORY_LADDER: dict[str, str] = {
    "civil_ordinary": "dpis",
    "civil_teacher": "teacher",
    "civil_police": "police",
    "civil_judicial": "judicial",
    "civil_prosecutor": "prosecutor",
    "civil_university": "university",
    "civil_parliament": "dpis",
    "civil_bangkok": "dpis",
    "civil_local": "dpis",
    "civil_other": "dpis",
    "military": "military",
    "government_employee": "gov_employee",
    "permanent_employee": "permanent",
    "temporary_employee": "temporary",
    "state_agency_staff": "staff",
    "state_enterprise_staff": "staff",
}

# --- names ---------------------------------------------------------------------
GIVEN_HEADS: tuple[str, ...] = (
    "สม", "ประ", "วิ", "สุ", "กิต", "ธน", "พร", "ศรี", "นิ", "ชัย", "อนุ", "จิร",
    "ณัฐ", "ปิย", "ธีร", "พิม", "กมล", "รัตน", "วร", "ชุติ", "ปริ", "อภิ", "ภัทร",
    "ศุภ", "ธนา", "กัญ", "พัช", "สิริ", "นันท", "มณี", "อรุณ", "จันท", "ทิพ",
    "เพ็ญ", "วัช", "สุร", "ยุท", "อำ", "บุญ", "ปวี",
)  # fmt: skip
GIVEN_TAILS: tuple[str, ...] = (
    "ชาย", "พร", "ศักดิ์", "ชัย", "วรรณ", "ภา", "รัตน์", "นันท์", "พงษ์", "ทิพย์",
    "ธิดา", "กานต์", "วุฒิ", "ลักษณ์", "พล", "เดช", "นภา", "มณี", "สุดา", "ดา",
    "กร", "พัฒน์", "วิทย์", "ศรี", "ยา", "นา", "ชนก", "วดี", "ภรณ์", "ธร",
)  # fmt: skip
FAMILY_PARTS: tuple[str, ...] = (
    "แก้ว", "ทอง", "ศรี", "สุข", "บุญ", "จันทร์", "วงศ์", "ประเสริฐ", "รุ่งเรือง",
    "มั่นคง", "เจริญ", "พัฒนา", "ชัย", "สกุล", "อินทร์", "สวัสดิ์", "ศักดิ์", "ดี",
    "งาม", "เพชร", "ใจ", "รักษ์", "พงศ์", "สมบูรณ์", "กุล", "ธรรม", "วัฒน์", "ไทย",
    "สาย", "มณี", "นาค", "ฤทธิ์", "เรือง", "ปัญญา", "ศิริ", "ทรัพย์", "ยั่งยืน",
    "พันธ์", "บำรุง", "สง่า",
)  # fmt: skip

# --- training -------------------------------------------------------------------
COURSE_PROVIDERS: tuple[str, ...] = (
    "สถาบันพัฒนาบุคลากรภาครัฐด้านดิจิทัล (TDGA)",
    "สำนักงานคณะกรรมการข้าราชการพลเรือน",
    "สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)",
    "สำนักงานพัฒนาธุรกรรมทางอิเล็กทรอนิกส์",
    "สำนักงานส่งเสริมเศรษฐกิจดิจิทัล",
    "สำนักงานคณะกรรมการการรักษาความมั่นคงปลอดภัยไซเบอร์แห่งชาติ",
)
# Course titles per framework skill code (OCSC 2017 framework).
COURSE_TITLES: dict[str, tuple[str, ...]] = {
    "DLIT": (
        "การใช้งานเครื่องมือดิจิทัลสำหรับการทำงานในสำนักงาน",
        "ความมั่นคงปลอดภัยไซเบอร์สำหรับผู้ใช้งานทั่วไป",
        "การใช้งานระบบคลาวด์เพื่อการทำงานร่วมกัน",
        "การรู้เท่าทันสื่อและข้อมูลข่าวสารดิจิทัล",
        "การใช้ตารางคำนวณเพื่อการวิเคราะห์ข้อมูลเบื้องต้น",
        "การประชุมออนไลน์และการทำงานแบบไฮบริด",
        "การใช้ปัญญาประดิษฐ์ช่วยงานเอกสาร",
        "พื้นฐานการคุ้มครองข้อมูลส่วนบุคคลในการทำงาน",
        "การใช้งานระบบสารบรรณอิเล็กทรอนิกส์",
    ),
    "DG": (
        "กฎหมายคุ้มครองข้อมูลส่วนบุคคลสำหรับหน่วยงานของรัฐ",
        "พระราชบัญญัติการบริหารงานและการให้บริการภาครัฐผ่านระบบดิจิทัล",
        "ธรรมาภิบาลข้อมูลภาครัฐ",
        "มาตรฐานรัฐบาลดิจิทัลและการเปิดเผยข้อมูลภาครัฐ",
        "การบริหารความเสี่ยงด้านเทคโนโลยีสารสนเทศ",
        "กฎหมายว่าด้วยธุรกรรมทางอิเล็กทรอนิกส์",
        "การจัดซื้อจัดจ้างระบบเทคโนโลยีสารสนเทศภาครัฐ",
        "นโยบายและแนวปฏิบัติด้านความมั่นคงปลอดภัยไซเบอร์",
    ),
    "DT": (
        "การวิเคราะห์ข้อมูลด้วย Python",
        "การพัฒนาแดชบอร์ดเพื่อการตัดสินใจ",
        "พื้นฐานปัญญาประดิษฐ์และการเรียนรู้ของเครื่อง",
        "สถาปัตยกรรมระบบคลาวด์ภาครัฐ",
        "การบริหารจัดการฐานข้อมูล",
        "อินเทอร์เน็ตของสรรพสิ่งเพื่อการบริการภาครัฐ",
        "การพัฒนาเว็บแอปพลิเคชัน",
        "บล็อกเชนสำหรับภาครัฐ",
        "วิทยาการข้อมูลสำหรับภาครัฐ",
    ),
    "DS": (
        "การออกแบบบริการภาครัฐโดยยึดประชาชนเป็นศูนย์กลาง",
        "การออกแบบประสบการณ์ผู้ใช้สำหรับบริการภาครัฐ",
        "การปรับปรุงกระบวนการทำงานด้วยระบบดิจิทัล",
        "การทำงานแบบอไจล์สำหรับภาครัฐ",
        "การจัดทำบริการอิเล็กทรอนิกส์แบบเบ็ดเสร็จ",
        "การวิเคราะห์และออกแบบกระบวนงานใหม่",
        "การพัฒนาระบบบริการด้วยเครื่องมือโลว์โค้ด",
        "การทำแผนที่การเดินทางของผู้รับบริการ",
    ),
    "SPM": (
        "การบริหารโครงการดิจิทัล",
        "การวางแผนยุทธศาสตร์ดิจิทัลขององค์กร",
        "การบริหารโครงการแบบสกรัม",
        "การบริหารสัญญาโครงการเทคโนโลยีสารสนเทศ",
        "การวัดผลการดำเนินงานด้วย OKR และ KPI",
        "การจัดทำแผนปฏิบัติการดิจิทัล",
        "การบริหารความเสี่ยงโครงการ",
        "การประเมินความคุ้มค่าโครงการดิจิทัล",
    ),
    "DL": (
        "ผู้นำดิจิทัลสำหรับผู้บริหารระดับสูง",
        "ผู้บริหารเทคโนโลยีสารสนเทศระดับสูง",
        "การนำองค์กรด้วยข้อมูล",
        "ภาวะผู้นำในยุคดิจิทัล",
        "การสร้างวัฒนธรรมนวัตกรรมในองค์กรภาครัฐ",
        "นักบริหารการเปลี่ยนแปลงรุ่นใหม่",
        "วิสัยทัศน์ดิจิทัลสำหรับผู้อำนวยการกอง",
        "การตัดสินใจเชิงกลยุทธ์ด้วยข้อมูล",
    ),
    "DTR": (
        "การขับเคลื่อนการเปลี่ยนผ่านสู่องค์กรดิจิทัล",
        "การพัฒนารัฐบาลดิจิทัลแบบบูรณาการ",
        "การจัดทำแผนที่นำทางการเปลี่ยนผ่านดิจิทัล",
        "นวัตกรรมบริการภาครัฐ",
        "การเชื่อมโยงข้อมูลระหว่างหน่วยงานภาครัฐ",
        "การพัฒนาองค์กรสู่สำนักงานอัจฉริยะ",
        "ระบบราชการ 4.0",
        "การยกระดับบริการด้วยปัญญาประดิษฐ์",
        "การบริหารการเปลี่ยนแปลงสู่ดิจิทัล",
        "การสร้างระบบนิเวศข้อมูลเปิดภาครัฐ",
    ),
}
# Skills whose courses mostly prepare for future work (the 30 of 70/30).
FUTURE_SKILLS = frozenset({"DT", "DTR", "DL"})
ACTIVITY_PREFIXES: tuple[str, ...] = (
    "อบรมหลักสูตร",
    "สัมมนาเรื่อง",
    "ประชุมเชิงปฏิบัติการ",
    "เรียนออนไลน์",
    "ศึกษาดูงานด้าน",
    "แลกเปลี่ยนเรียนรู้เรื่อง",
)
ACTIVITY_PROVIDERS: tuple[str, ...] = (
    "หน่วยงานต้นสังกัด",
    "สำนักงานคณะกรรมการข้าราชการพลเรือน",
    "สถาบันพัฒนาบุคลากรภาครัฐด้านดิจิทัล (TDGA)",
    "จุฬาลงกรณ์มหาวิทยาลัย",
    "มหาวิทยาลัยธรรมศาสตร์",
    "มหาวิทยาลัยเกษตรศาสตร์",
    "สำนักงานพัฒนาธุรกรรมทางอิเล็กทรอนิกส์",
    "บริษัทเอกชน",
    "",
)
REJECTION_REASONS: tuple[str, ...] = (
    "หลักฐานไม่ครบถ้วน",
    "วันที่ไม่ตรงกับหลักฐาน",
    "จำนวนชั่วโมงไม่ตรงกับหลักฐาน",
    "ไม่เกี่ยวข้องกับทักษะดิจิทัล",
)
