// Dashboards (SPEC §7): draw the charts whose data the page put in
// <script type="application/json"> (json_script), and poll export jobs.
// Charts never carry information alone: every series differs by pattern,
// dash and point shape as well as colour, and the numbers are in a table.
(function () {
  "use strict";

  var COLOURS = ["#1f3c88", "#a84d00", "#146c43"];
  var DASHES = [[], [8, 4], [2, 3]];
  var POINTS = ["circle", "triangle", "rect"];

  var pattern = window.SkillsportalPatterns.fill;

  function percentAxis(extra) {
    var axis = {
      min: 0,
      max: 100,
      ticks: {
        callback: function (value) {
          return value + " %";
        },
      },
    };
    return Object.assign(axis, extra || {});
  }

  function tooltip(unit) {
    return {
      callbacks: {
        label: function (item) {
          var value = item.parsed.y;
          if (item.chart.options.indexAxis === "y") {
            value = item.parsed.x;
          }
          var text = value === null ? "–" : value.toLocaleString("th-TH");
          return item.dataset.label + ": " + text + " " + unit;
        },
      },
    };
  }

  function legend() {
    return { position: "bottom", labels: { usePointStyle: true, boxWidth: 18 } };
  }

  function trend(data) {
    return {
      type: "line",
      data: {
        labels: data.labels,
        datasets: data.series.map(function (s, i) {
          return {
            label: s.label,
            data: s.data,
            borderColor: COLOURS[i],
            backgroundColor: COLOURS[i],
            borderDash: DASHES[i],
            pointStyle: POINTS[i],
            pointRadius: 5,
            spanGaps: false,
          };
        }),
      },
      options: {
        scales: { y: percentAxis() },
        plugins: { legend: legend(), tooltip: tooltip(data.unit) },
      },
    };
  }

  function bars(data, horizontal) {
    return {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: data.series.map(function (s, i) {
          return {
            label: s.label,
            data: s.data,
            backgroundColor: pattern(COLOURS[i], i),
            borderColor: COLOURS[i],
            borderWidth: 1.5,
            pointStyle: "rect",
          };
        }),
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        scales: horizontal ? { x: percentAxis() } : { y: percentAxis() },
        plugins: {
          legend: legend(),
          tooltip: Object.assign(tooltip(data.unit), {
            callbacks: Object.assign(tooltip(data.unit).callbacks, {
              title: function (items) {
                var i = items[0].dataIndex;
                return data.titles ? data.labels[i] + ". " + data.titles[i] : data.labels[i];
              },
            }),
          }),
        },
      },
    };
  }

  // Draws the policy target as a dashed vertical line with its label.
  var targetLine = {
    id: "targetLine",
    afterDatasetsDraw: function (chart, args, options) {
      if (options.value === null || options.value === undefined) {
        return;
      }
      var x = chart.scales.x.getPixelForValue(options.value);
      var area = chart.chartArea;
      var ctx = chart.ctx;
      ctx.save();
      ctx.strokeStyle = "#212529";
      ctx.lineWidth = 2;
      ctx.setLineDash([6, 4]);
      ctx.beginPath();
      ctx.moveTo(x, area.top - 4);
      ctx.lineTo(x, area.bottom + 4);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = "#212529";
      ctx.textAlign = "center";
      ctx.font = "13px Sarabun, sans-serif";
      ctx.fillText(options.label || "", x, area.top - 8);
      ctx.restore();
    },
  };

  function balance(data) {
    var config = bars(data, true);
    config.data.datasets.forEach(function (set) {
      set.stack = "hours";
    });
    config.options.scales = {
      x: percentAxis({ stacked: true }),
      y: { stacked: true, display: false },
    };
    config.options.layout = { padding: { top: 22 } };
    config.options.plugins.targetLine = {
      value: data.target,
      label: data.target_label,
    };
    config.plugins = [targetLine];
    return config;
  }

  var BUILDERS = {
    trend: trend,
    bars: function (data) {
      return bars(data, false);
    },
    ranking: function (data) {
      return bars(data, true);
    },
    balance: balance,
  };

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source) {
      return;
    }
    var data = JSON.parse(source.textContent);
    var build = BUILDERS[data.kind];
    if (!build) {
      return;
    }
    var config = build(data);
    config.options.responsive = true;
    config.options.maintainAspectRatio = true;
    config.options.aspectRatio = parseFloat(canvas.dataset.aspect || "2");
    config.options.animation = false;
    new window.Chart(canvas, config);
  }

  function charts() {
    if (!window.Chart) {
      return;
    }
    window.Chart.defaults.font.family = "Sarabun";
    window.Chart.defaults.font.size = 13;
    window.Chart.defaults.color = "#212529";
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  }

  function start() {
    charts();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
