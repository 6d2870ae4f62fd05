// Chart fills that read in greyscale (WCAG 1.4.1): solid, diagonal stripes or
// dots. Shared by the dashboards (dashboards.js) and My skills (me.js).
(function () {
  "use strict";

  function fill(colour, kind) {
    // A small tile: solid, diagonal stripes or dots (readable in greyscale).
    if (kind === 0) {
      return colour;
    }
    var tile = document.createElement("canvas");
    tile.width = 8;
    tile.height = 8;
    var ctx = tile.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, 8, 8);
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.lineWidth = 2;
    if (kind === 1) {
      ctx.beginPath();
      ctx.moveTo(0, 8);
      ctx.lineTo(8, 0);
      ctx.moveTo(-2, 2);
      ctx.lineTo(2, -2);
      ctx.moveTo(6, 10);
      ctx.lineTo(10, 6);
      ctx.stroke();
    } else {
      ctx.beginPath();
      ctx.arc(4, 4, 1.6, 0, 2 * Math.PI);
      ctx.fill();
    }
    return ctx.createPattern(tile, "repeat");
  }

  window.SkillsportalPatterns = { fill: fill, SOLID: 0, STRIPES: 1, DOTS: 2 };
})();
