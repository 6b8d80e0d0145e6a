// The dashboard's only script: GOV.UK Frontend's components and the charts. Pages are complete without it (each
// chart's figures are in a table below it), so this is progressive enhancement.
import { initAll } from './govuk-frontend.min.js'

// GOV.UK Frontend styles its components for scripts only once this class is set (a module script runs, so they are supported).
document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()

// GOV.UK colour palette; last year's series is also dashed, so series never differ by colour alone.
const colours = ['#1d70b8', '#d4351c', '#00703c', '#f47738', '#4c2c92', '#505a5f']
const points = ['circle', 'rect', 'triangle', 'rectRot', 'star', 'crossRot']

for (const canvas of document.querySelectorAll('canvas[data-chart]')) {
  const spec = JSON.parse(canvas.dataset.chart)
  // eslint-disable-next-line no-undef
  new Chart(canvas, {
    type: spec.type,
    data: {
      labels: spec.labels,
      datasets: spec.series.map((s, i) => ({
        label: s.label,
        data: s.values,
        borderColor: colours[i % colours.length],
        backgroundColor: colours[i % colours.length],
        borderDash: s.dashed ? [6, 4] : [],
        pointStyle: points[i % points.length],
        pointRadius: spec.type === 'line' ? 2 : undefined,
        spanGaps: true
      }))
    },
    options: {
      // Charts are drawn once: no motion for people who find it distracting, and prints are complete at once.
      animation: false,
      maintainAspectRatio: false,
      scales: { y: { beginAtZero: true, title: { display: true, text: spec.yAxis } } },
      plugins: { legend: { position: 'bottom', labels: { usePointStyle: true } } }
    }
  })
}

// Sortable and filterable tables submit their GET form when a picker changes, keeping the state in the URL.
for (const select of document.querySelectorAll('select[data-autosubmit]')) {
  select.addEventListener('change', () => select.form.requestSubmit())
}
