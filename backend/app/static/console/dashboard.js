// Draws the dashboard's charts from the JSON block the page carries (no inline script: CSP).
(function () {
  "use strict";
  var source = document.getElementById("stats-data");
  if (!source || typeof Chart === "undefined") {
    return;
  }
  var stats = JSON.parse(source.textContent);
  var palette = ["#b0221f", "#3d6fb6", "#1f7a3f", "#b26b00", "#6b4fa3", "#4f8a8b"];

  function bar(id, labels, datasets) {
    var canvas = document.getElementById(id);
    if (!canvas) {
      return;
    }
    var chart = new Chart(canvas, {
      type: "bar",
      data: {
        labels: labels,
        datasets: datasets.map(function (set, index) {
          return { label: set.label, data: set.data, backgroundColor: palette[index % palette.length] };
        })
      },
      options: {
        responsive: true,
        animation: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: "bottom" } }
      }
    });
    canvas.dataset.rendered = "true";
    return chart;
  }

  var charts = {
    reportCategories: function () {
      var rows = stats.reports.by_category;
      bar("chart-report-categories", rows.map(function (r) { return r.label; }), [
        { label: "件数", data: rows.map(function (r) { return r.count; }) }
      ]);
    },
    competition: function () {
      var rows = stats.competitions.by_district;
      bar("chart-competition", rows.map(function (r) { return r.name; }), [
        { label: "参与率（%）", data: rows.map(function (r) { return r.participation_rate || 0; }) },
        { label: "平均分", data: rows.map(function (r) { return r.average_score || 0; }) }
      ]);
    },
    checkins: function () {
      var rows = stats.checkins;
      bar("chart-checkins", rows.map(function (r) { return r.name; }), [
        { label: "打卡次数", data: rows.map(function (r) { return r.checkins; }) }
      ]);
    },
    directory: function () {
      var rows = stats.directory.by_district;
      bar("chart-directory", rows.map(function (r) { return r.name; }), [
        { label: "协会", data: rows.map(function (r) { return r.associations; }) },
        { label: "会员", data: rows.map(function (r) { return r.members; }) }
      ]);
    }
  };
  window.qinglianCharts = charts;
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var draw = charts[canvas.dataset.chart];
    if (draw) {
      draw();
    }
  });
})();
