// ทักษะของฉัน (SPEC §7): my current level against the target, per skill.
// Data comes from <script type="application/json" id="skills-chart-data">
// (json_script). The two series differ by fill pattern as well as colour, and
// every number is in the table next to the chart.
(function () {
  "use strict";

  var NAVY = "#1f3c88";
  var AMBER = "#a84d00";

  var patterns = window.SkillsportalPatterns;

  function draw() {
    var canvas = document.getElementById("skills-chart");
    var source = document.getElementById("skills-chart-data");
    if (!canvas || !source || typeof Chart === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    if (!data || !data.labels.length) {
      return;
    }
    var fills = [NAVY, patterns.fill(AMBER, patterns.STRIPES)];
    var borders = [NAVY, AMBER];
    Chart.defaults.font.family = "Sarabun, system-ui, sans-serif";
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: data.series.map(function (s, i) {
          return {
            label: s.label,
            // "not assessed yet" is drawn as 0 and named in the tooltip
            data: s.data.map(function (v) {
              return v === null ? 0 : v;
            }),
            raw: s.data,
            backgroundColor: fills[i],
            borderColor: borders[i],
            borderWidth: 1.5,
          };
        }),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: {
          y: {
            min: 0,
            max: Math.max(data.max, 1),
            ticks: { stepSize: 1, precision: 0 },
            title: { display: true, text: data.axis },
          },
        },
        plugins: {
          legend: { position: "bottom", labels: { boxWidth: 18 } },
          tooltip: {
            callbacks: {
              title: function (items) {
                var i = items[0].dataIndex;
                return data.labels[i] + " " + data.titles[i];
              },
              label: function (item) {
                var raw = item.dataset.raw[item.dataIndex];
                var text = raw === null ? data.none_label : String(raw);
                return item.dataset.label + ": " + text;
              },
            },
          },
        },
      },
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
