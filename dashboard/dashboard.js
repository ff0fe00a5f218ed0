// The ltv dashboard: reads only the JSON API (same origin: the local stack, or `ltv dashboard --api` forwarding
// to a deployed stack). Every figure shown is an API answer; the raw value sits in data-value for the tests.
'use strict';

const PARAMETERS = ['grossMargin', 'acquisitionCost', 'retentionCostPerYear', 'lifespanYears'];
const PAGE = 25;
const HISTOGRAM_LIMIT = 10000;
const SVG = 'http://www.w3.org/2000/svg';

const state = {
  currency: 'USD',
  overrides: {},          // parameters the user set; the rest are the deployment's defaults
  rankingCursors: [],     // cursors of the pages before the current one
  rankingCursor: null,
  customerId: null,
  purchasesCursor: null,
};

// ---------- the API ----------

class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }
  get notAvailable() {
    // a route this server does not have yet: the query function's catch-all, or the gateway's own 404
    return this.status === 404 && (this.code === 'ROUTE_NOT_FOUND' || this.code === 'Not Found');
  }
}

async function api(path, options) {
  let response;
  try {
    response = await fetch(path, Object.assign({headers: {accept: 'application/json'}}, options));
  } catch (e) {
    throw new ApiError(0, 'NETWORK', 'the API did not answer (' + e.message + ')');
  }
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch (e) {
    throw new ApiError(response.status, 'NOT_JSON', 'the API answered HTTP ' + response.status + ' with something other than JSON');
  }
  if (!response.ok) {
    const error = body && body.error ? body.error : {};
    throw new ApiError(response.status, error.code || (body && body.message) || 'HTTP_' + response.status,
        error.message || (body && body.message) || 'HTTP ' + response.status, error.field);
  }
  return body;
}

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, value);
  }
  const text = search.toString();
  return text ? '?' + text : '';
}

// ---------- formatting and DOM ----------

function money(value) {
  return new Intl.NumberFormat(undefined, {style: 'currency', currency: state.currency}).format(value);
}

function number(value, digits) {
  return new Intl.NumberFormat(undefined, {maximumFractionDigits: digits === undefined ? 2 : digits}).format(value);
}

function percent(value) {
  return new Intl.NumberFormat(undefined, {style: 'percent', maximumFractionDigits: 1}).format(value);
}

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** A figure: its label, the formatted value, and the API's raw value in data-value (compared by the tests). */
function figure(name, label, value, format) {
  if (value === undefined || value === null) return null;
  return el('div', {class: 'figure'},
      el('span', {class: 'label'}, label),
      el('span', {class: 'value', 'data-field': name, 'data-value': String(value)}, format ? format(value) : String(value)));
}

function figures(...items) {
  return el('div', {class: 'figures'}, items.flat().filter(Boolean));
}

function show(container, ...children) {
  container.replaceChildren(...children.flat().filter(Boolean));
  container.removeAttribute('aria-busy');
}

function loading(container) {
  container.setAttribute('aria-busy', 'true');
  container.replaceChildren(el('p', {class: 'muted'}, 'Loading…'));
}

/** API errors are shown where the figures would be, never swallowed. */
function showError(container, error, what) {
  if (error instanceof ApiError && error.notAvailable) {
    show(container, el('div', {class: 'unavailable', 'data-state': 'not-available'},
        el('strong', {}, what + ': not available on this server yet'),
        el('p', {}, 'This server answers 404 ' + error.code + ' for the route. It comes with a newer version of ltv.')));
    return;
  }
  if (!(error instanceof ApiError)) console.error(error);
  show(container, el('div', {class: 'error', role: 'alert', 'data-state': 'error'},
      el('strong', {}, what + ': ' + (error.status ? 'HTTP ' + error.status + ' ' : '') + (error.code || 'error')),
      el('p', {}, error.message + (error.field ? ' (field: ' + error.field + ')' : ''))));
}

function empty(container, title, ...next) {
  show(container, el('div', {class: 'empty', 'data-state': 'empty'}, el('strong', {}, title), next));
}

function postCurl() {
  const now = new Date(Date.now() - 60000).toISOString().replace(/\.\d+Z$/, 'Z');
  return el('pre', {}, 'curl -s -X POST ' + location.origin + "/purchases -H 'content-type: application/json' \\\n"
      + "  -d '{\"purchaseId\":\"p-1\",\"customerId\":\"c-1\",\"amount\":49.90,\"currency\":\"" + state.currency
      + '","purchasedAt":"' + now + "\"}'");
}

// ---------- charts (plain SVG) ----------

function svg(tag, attributes, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
  for (const child of children.flat()) if (child) node.append(child);
  return node;
}

function scale(domainMin, domainMax, rangeMin, rangeMax) {
  const span = domainMax - domainMin || 1;
  return value => rangeMin + (value - domainMin) / span * (rangeMax - rangeMin);
}

/** A chart frame: axes with min/max labels; plot(x, y) adds the marks. marks counts them (data-marks). */
function chart(title, xLabel, yLabel, xDomain, yDomain, plot, formatX, formatY) {
  const width = 560, height = 260, left = 70, right = 16, top = 16, bottom = 40;
  const x = scale(xDomain[0], xDomain[1], left, width - right);
  const y = scale(yDomain[0], yDomain[1], height - bottom, top);
  const marks = plot(x, y);
  const fx = formatX || (v => number(v)), fy = formatY || (v => number(v));
  const root = svg('svg', {viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': title,
        'data-marks': String(marks.length)},
      svg('title', {}, document.createTextNode(title)),
      svg('line', {x1: left, y1: height - bottom, x2: width - right, y2: height - bottom, class: 'axis'}),
      svg('line', {x1: left, y1: top, x2: left, y2: height - bottom, class: 'axis'}),
      text(left, height - bottom + 16, fx(xDomain[0]), 'start'),
      text(width - right, height - bottom + 16, fx(xDomain[1]), 'end'),
      text((left + width - right) / 2, height - 6, xLabel, 'middle'),
      text(left - 6, height - bottom, fy(yDomain[0]), 'end'),
      text(left - 6, top + 10, fy(yDomain[1]), 'end'),
      text(4, top - 4 < 10 ? 10 : top - 4, yLabel, 'start'),
      marks);
  return el('figure', {}, root, el('figcaption', {}, title));
}

function text(x, y, content, anchor) {
  return svg('text', {x, y, 'text-anchor': anchor, class: 'tick'}, document.createTextNode(content));
}

/** Bars from the smallest value to the 99th percentile; the last bar also counts the top 1 % (LTV is skewed). */
function histogram(title, values, xLabel) {
  const sorted = [...values].sort((a, b) => a - b);
  const min = sorted[0];
  const cap = sorted[Math.floor((sorted.length - 1) * 0.99)] > min ? sorted[Math.floor((sorted.length - 1) * 0.99)] : sorted[sorted.length - 1];
  const bins = Math.min(30, Math.max(5, Math.ceil(Math.sqrt(values.length))));
  const width = (cap - min) / bins || 1;
  const counts = new Array(bins).fill(0);
  for (const v of values) counts[Math.max(0, Math.min(bins - 1, Math.floor((v - min) / width)))]++;
  const top = Math.max(...counts);
  const capped = cap < sorted[sorted.length - 1];
  return chart(title + (capped ? '; the last bar holds everything from ' + money(min + (bins - 1) * width) + ' up' : ''),
      xLabel, 'customers', [min, min + width * bins], [0, top], (x, y) => counts.map((count, i) =>
      svg('rect', {x: x(min + i * width) + 1, y: y(count), width: Math.max(1, x(min + (i + 1) * width) - x(min + i * width) - 2),
        height: y(0) - y(count), class: 'bar'},
        svg('title', {}, document.createTextNode(`${money(min + i * width)} – ${i === bins - 1 && capped ? money(sorted[sorted.length - 1]) : money(min + (i + 1) * width)}: ${count}`)))),
      money, v => number(v, 0));
}

function lineChart(title, series, xLabel, yLabel, formatX, formatY) {
  const points = series.flatMap(s => s.points);
  const xs = points.map(p => p[0]), ys = points.map(p => p[1]);
  const yMin = Math.min(0, ...ys), yMax = Math.max(...ys);
  const node = lineChartFrame(title, series, xLabel, yLabel, formatX, formatY, xs, yMin, yMax);
  if (series.length > 1) {
    node.append(el('ul', {class: 'legend'}, series.map((s, i) => el('li', {class: 's' + (i % 6)}, s.name))));
  }
  return node;
}

function lineChartFrame(title, series, xLabel, yLabel, formatX, formatY, xs, yMin, yMax) {
  return chart(title, xLabel, yLabel, [Math.min(...xs), Math.max(...xs)], [yMin, yMax === yMin ? yMin + 1 : yMax], (x, y) =>
      series.map((s, i) => svg('g', {class: 'series s' + (i % 6)},
          svg('polyline', {points: s.points.map(p => x(p[0]) + ',' + y(p[1])).join(' '), class: 'line'}),
          s.points.map(p => svg('circle', {cx: x(p[0]), cy: y(p[1]), r: 3, class: 'dot'},
              svg('title', {}, document.createTextNode(`${s.name}: ${formatX ? formatX(p[0]) : p[0]} → ${formatY ? formatY(p[1]) : p[1]}`)))))),
      formatX, formatY);
}

function scatter(title, points, xLabel, yLabel, formatX, formatY, diagonal) {
  const xs = points.map(p => p.x), ys = points.map(p => p.y);
  const max = Math.max(...xs, ...ys), min = Math.min(0, ...xs, ...ys);
  const xDomain = diagonal ? [min, max] : [Math.min(0, ...xs), Math.max(...xs) || 1];
  const yDomain = diagonal ? [min, max] : [Math.min(0, ...ys), Math.max(...ys) || 1];
  return chart(title, xLabel, yLabel, xDomain, yDomain, (x, y) => [
    diagonal ? svg('line', {x1: x(min), y1: y(min), x2: x(max), y2: y(max), class: 'diagonal'}) : null,
    ...points.map(p => svg('circle', {cx: x(p.x), cy: y(p.y), r: 5, class: 'dot'},
        svg('title', {}, document.createTextNode(p.label)))),
    // a name beside each point when there are few (channels); the tooltip has the figures
    ...(points.length <= 12 ? points.filter(p => p.name).map(p => text(x(p.x) + 8, y(p.y) + 4, p.name, 'start')) : [])].filter(Boolean), formatX, formatY);
}

// ---------- parameters ----------

function parameterQuery() {
  return Object.assign({}, state.overrides);
}

function showParameters(parameters) {
  const form = document.getElementById('parameter-form');
  for (const name of PARAMETERS) {
    const input = form.elements[name];
    if (document.activeElement !== input && parameters[name] !== undefined) input.value = String(parameters[name]);
  }
  const sources = parameters.sources || {};
  document.getElementById('parameter-sources').textContent = 'In force: ' + PARAMETERS
      .filter(name => parameters[name] !== undefined)
      .map(name => `${name} ${parameters[name]} (${sources[name] || 'default'})`).join(' · ');
}

function applyParameters(event) {
  event.preventDefault();
  const form = event.target;
  state.overrides = {};
  for (const name of PARAMETERS) {
    const value = form.elements[name].value.trim();
    if (value !== '' && value !== form.elements[name].dataset.defaultValue) state.overrides[name] = value;
  }
  refreshFigures();
}

function resetParameters() {
  state.overrides = {};
  const form = document.getElementById('parameter-form');
  for (const name of PARAMETERS) form.elements[name].value = form.elements[name].dataset.defaultValue || '';
  refreshFigures();
}

function refreshFigures() {
  loadMetrics();
  if (document.getElementById('metrics-period').dataset.period) loadPeriod(document.getElementById('metrics-period').dataset.period);
  if (state.customerId) loadCustomer(state.customerId);
}

// ---------- company figures ----------

function classicFigures(classic) {
  if (!classic) return null;
  return figures(
      figure('averagePurchaseValue', 'Average purchase value', classic.averagePurchaseValue, money),
      figure('purchaseFrequencyPerYear', 'Purchases / year', classic.purchaseFrequencyPerYear, v => number(v, 3)),
      figure('customerValuePerYear', 'Customer value / year', classic.customerValuePerYear, money),
      figure('ltv', 'Classic LTV', classic.ltv, money),
      figure('ltvToCac', 'LTV : CAC', classic.ltvToCac, v => number(v, 2)));
}

function metricsPanel(metrics) {
  const forecast = metrics.forecast, lifespan = metrics.measuredLifespan;
  return [
    figures(
        figure('customers', 'Customers', metrics.customers, v => number(v, 0)),
        figure('purchases', 'Purchases', metrics.purchases, v => number(v, 0)),
        figure('revenue', 'Revenue', metrics.revenue, money)),
    classicFigures(metrics.classic),
    metrics.note ? el('p', {class: 'muted'}, metrics.note) : null,
    forecast ? el('div', {}, el('h4', {}, `Forecast: next ${forecast.horizonMonths} months (model ${forecast.modelVersion}, as of ${forecast.asOf})`),
        figures(
            figure('forecast.expectedActiveCustomers', 'Expected active customers', forecast.expectedActiveCustomers, v => number(v, 1)),
            figure('forecast.expectedPurchases', 'Expected purchases', forecast.expectedPurchases, v => number(v, 1)),
            figure('forecast.expectedRevenue', 'Expected revenue', forecast.expectedRevenue, money))) : null,
    lifespan ? figures(figure('measuredLifespan.years', `Measured lifespan (${number(lifespan.lapsedCustomers, 0)} lapsed after ${lifespan.lapseDays} days)`,
        lifespan.years, v => number(v, 2) + ' years')) : null,
  ];
}

async function loadMetrics() {
  const container = document.getElementById('metrics-all');
  loading(container);
  try {
    const metrics = await api('/metrics' + query(parameterQuery()));
    state.currency = metrics.currency || state.currency;
    const form = document.getElementById('parameter-form');
    for (const name of PARAMETERS) {
      const sources = (metrics.parameters && metrics.parameters.sources) || {};
      if (sources[name] !== 'request' && metrics.parameters[name] !== undefined) {
        form.elements[name].dataset.defaultValue = String(metrics.parameters[name]);
      }
    }
    showParameters(metrics.parameters || {});
    if (metrics.customers === 0) {
      empty(container, 'No purchases yet.', el('p', {}, 'Post one, then reload:'), postCurl(),
          el('p', {}, 'or import an order history: ', el('code', {}, './ltv import orders.csv --api ' + location.origin)));
      return;
    }
    show(container, el('h3', {}, 'All time'), metricsPanel(metrics));
    // the first render with figures, for the page's own measurement (Navigation Timing; see BENCHMARKS.md)
    if (performance.getEntriesByName('ltv:figures').length === 0) performance.mark('ltv:figures');
  } catch (error) {
    showError(container, error, 'Company figures');
  }
}

async function loadPeriod(period) {
  const container = document.getElementById('metrics-period');
  container.dataset.period = period;
  loading(container);
  try {
    const metrics = await api('/metrics' + query(Object.assign({period}, parameterQuery())));
    if (!metrics.period) {
      // a server without periods ignores nothing: it refuses the parameter, so this is a newer shape we do not know
      show(container, el('p', {class: 'muted'}, 'The server answered without a period.'), metricsPanel(metrics));
      return;
    }
    show(container, el('h4', {}, `${metrics.period.label} (${metrics.period.from} to ${metrics.period.to})`), metricsPanel(metrics));
  } catch (error) {
    if (error instanceof ApiError && error.code === 'UNKNOWN_PARAMETER' && error.field === 'period') {
      showError(container, new ApiError(404, 'ROUTE_NOT_FOUND', ''), 'Figures by period');
    } else {
      showError(container, error, 'Figures by period');
    }
  }
}

/** Every customer's value from the ranking route's pages (up to HISTOGRAM_LIMIT). */
async function rankedValues(orderBy) {
  const values = [];
  let cursor;
  do {
    const page = await api('/customers' + query({orderBy, order: 'desc', limit: 1000, cursor}));
    for (const customer of page.customers) if (typeof customer[orderBy] === 'number') values.push(customer[orderBy]);
    cursor = page.nextCursor;
  } while (cursor && values.length < HISTOGRAM_LIMIT);
  return values;
}

async function loadHistogram(orderBy, id, title) {
  const container = document.getElementById(id);
  loading(container);
  try {
    const values = await rankedValues(orderBy);
    if (values.length === 0) {
      empty(container, title + ': no customer has a value yet.',
          orderBy === 'predictedClv' ? el('p', {}, 'Predicted CLV needs a fitted model: see the Model view.') : postCurl());
      return;
    }
    show(container, histogram(`${title} (${number(values.length, 0)} customers)`, values, title));
  } catch (error) {
    showError(container, error, title + ' distribution');
  }
}

// ---------- customers ----------

async function loadSegmentsInto(select) {
  try {
    const body = await api('/segments');
    for (const segment of body.segments) select.append(el('option', {value: segment.segment}, segment.segment));
  } catch (error) {
    // the filter simply offers "all" when the server has no segments; the Segments view shows why
  }
}

async function loadRanking() {
  const container = document.getElementById('ranking');
  const form = document.getElementById('ranking-form');
  loading(container);
  const orderBy = form.elements.orderBy.value;
  try {
    const page = await api('/customers' + query({orderBy, order: form.elements.order.value, limit: PAGE,
      segment: form.elements.segment.value, cursor: state.rankingCursor}));
    if (page.customers.length === 0) {
      empty(container, 'No customers here yet.', form.elements.segment.value ? el('p', {}, 'Try another segment.') : postCurl());
      return;
    }
    const rows = page.customers.map((customer, i) => el('tr', {tabindex: '0', class: 'clickable', 'data-customer-id': customer.customerId,
          onclick: () => openCustomer(customer.customerId),
          onkeydown: event => { if (event.key === 'Enter') openCustomer(customer.customerId); }},
        el('td', {}, String(state.rankingCursors.length * PAGE + i + 1)),
        el('td', {}, el('a', {href: '#customer/' + encodeURIComponent(customer.customerId), tabindex: '-1'}, customer.customerId)),
        el('td', {class: 'num', 'data-value': customer.revenue}, money(customer.revenue)),
        el('td', {class: 'num', 'data-value': customer.ltv}, customer.ltv === undefined ? '–' : money(customer.ltv)),
        el('td', {class: 'num', 'data-value': customer.predictedClv}, customer.predictedClv === undefined ? '–' : money(customer.predictedClv)),
        el('td', {}, (customer.segments || []).join(', '))));
    const sortHeader = (key, label) => el('th', {class: 'num', 'aria-sort': orderBy === key ? (form.elements.order.value === 'desc' ? 'descending' : 'ascending') : 'none'},
        el('button', {type: 'button', class: 'link', onclick: () => { form.elements.orderBy.value = key; state.rankingCursors = []; state.rankingCursor = null; loadRanking(); }}, label));
    show(container,
        el('div', {class: 'scroll'}, el('table', {id: 'ranking-table'},
            el('thead', {}, el('tr', {}, el('th', {}, '#'), el('th', {}, 'Customer'), sortHeader('revenue', 'Revenue'),
                sortHeader('ltv', 'Classic LTV'), sortHeader('predictedClv', 'Predicted CLV'), el('th', {}, 'Segments'))),
            el('tbody', {}, rows))),
        el('div', {class: 'pager'},
            el('button', {type: 'button', disabled: state.rankingCursors.length ? null : 'disabled', onclick: () => {
              state.rankingCursor = state.rankingCursors.pop(); loadRanking();
            }}, '← Previous'),
            el('button', {type: 'button', id: 'ranking-next', disabled: page.nextCursor ? null : 'disabled', onclick: () => {
              state.rankingCursors.push(state.rankingCursor); state.rankingCursor = page.nextCursor; loadRanking();
            }}, 'Next →')),
        el('p', {class: 'muted'}, 'Classic LTV here is computed with the deployment\'s default parameters.'));
  } catch (error) {
    showError(container, error, 'Top customers');
  }
}

function openCustomer(customerId) {
  location.hash = '#customer/' + encodeURIComponent(customerId);
}

function addMonths(day, months) {
  const date = new Date(day + 'T00:00:00Z');
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.toISOString().slice(0, 10);
}

async function loadCustomer(customerId) {
  state.customerId = customerId;
  document.getElementById('customer-title').textContent = 'Customer ' + customerId;
  const breakdown = document.getElementById('customer-breakdown');
  const prediction = document.getElementById('customer-prediction');
  const alive = document.getElementById('customer-alive');
  [breakdown, prediction, alive].forEach(loading);
  const path = '/customers/' + encodeURIComponent(customerId);
  let ltv;
  try {
    ltv = await api(path + '/ltv' + query(parameterQuery()));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && error.code === 'NOT_FOUND') {
      empty(breakdown, `No customer ${customerId} yet.`, el('p', {}, 'Their purchases may still be on the stream, or none was posted.'));
    } else {
      showError(breakdown, error, 'Customer');
    }
    show(prediction);
    show(alive);
    return;
  }
  state.currency = ltv.currency || state.currency;
  if (ltv.parameters) showParameters(ltv.parameters);
  const inputs = ltv.inputs || {};
  show(breakdown,
      el('p', {class: 'muted'}, `As of ${ltv.asOf}; last updated ${ltv.lastUpdated || '–'}`),
      figures(
          figure('inputs.revenue', 'Revenue', inputs.revenue, money),
          figure('inputs.purchases', 'Purchases', inputs.purchases, v => number(v, 0)),
          figure('inputs.purchaseDays', 'Purchase days', inputs.purchaseDays, v => number(v, 0)),
          figure('inputs.firstPurchaseDay', 'First purchase', inputs.firstPurchaseDay),
          figure('inputs.lastPurchaseDay', 'Last purchase', inputs.lastPurchaseDay)),
      ltv.classic ? classicFigures(ltv.classic) : el('p', {class: 'muted'}, ltv.note || 'No classic figures.'),
      segmentsOf(ltv.segments));
  showPrediction(prediction, ltv.predictive);
  loadAlive(alive, path, inputs.lastPurchaseDay, ltv.predictive);
  state.purchasesCursor = null;
  document.getElementById('customer-purchases').replaceChildren();
  loadPurchases(customerId);
}

function segmentsOf(segments) {
  if (!segments) return null;
  return el('p', {}, 'Segments: ', el('span', {'data-field': 'segments'}, (segments.ids || []).join(', ')));
}

/** The fit: POST /model/fit, at an optional "as of" day (a history that ended long ago is best fitted at its end). */
function fitButton(onFitted) {
  const asOf = el('input', {type: 'date', name: 'fitAsOf', 'aria-label': 'Fit as of (optional)'});
  const button = el('button', {type: 'button', class: 'fit', onclick: async () => {
    button.disabled = true;
    button.textContent = 'Fitting…';
    try {
      const body = asOf.value ? JSON.stringify({asOf: asOf.value}) : '{}';
      const result = await api('/model/fit', {method: 'POST', headers: {'content-type': 'application/json'}, body});
      button.textContent = result.status === 'FITTED' ? 'Fitted' : 'Not fitted: ' + (result.reason || result.status);
      onFitted();
    } catch (error) {
      button.disabled = false;
      button.textContent = 'Fit a model now (POST /model/fit)';
      const message = el('div', {});
      wrapper.append(message);
      showError(message, error, 'Fit');
    }
  }}, 'Fit a model now (POST /model/fit)');
  const wrapper = el('span', {class: 'inline fit-control'}, el('label', {}, 'as of (optional)', asOf), button);
  return wrapper;
}

function showPrediction(container, predictive) {
  if (!predictive || predictive.status !== 'OK') {
    empty(container, 'No prediction: ' + ((predictive && predictive.reason) || 'no model yet'),
        el('p', {}, fitButton(() => state.customerId && loadCustomer(state.customerId))));
    return;
  }
  const interval = predictive.interval;
  const range = (key, format) => interval && interval[key] ? ` (${format(interval[key].low)} – ${format(interval[key].high)})` : '';
  show(container,
      el('h3', {}, `Prediction, next ${predictive.horizonMonths} months`),
      el('p', {class: 'muted'}, `model ${predictive.model || ''} version ${predictive.modelVersion}, fitted ${predictive.fittedAt}`
          + (interval ? `; ${percent(interval.level)} intervals in brackets` : '; no intervals from this server')),
      figures(
          figure('predictive.clv', 'Predicted CLV' + range('clv', money), predictive.clv, money),
          figure('predictive.expectedPurchases', 'Expected purchases' + range('expectedPurchases', v => number(v, 2)), predictive.expectedPurchases, v => number(v, 2)),
          figure('predictive.probabilityAlive', 'P(alive)' + range('probabilityAlive', percent), predictive.probabilityAlive, percent),
          figure('predictive.expectedSpend', 'Expected spend / purchase', predictive.expectedSpend, money)));
}

/** P(alive) at 12 dates over two years from the last purchase on (asOf queries; the API refuses dates over a year ahead). */
async function loadAlive(container, path, lastPurchaseDay, predictive) {
  if (!lastPurchaseDay || !predictive || predictive.status !== 'OK') {
    show(container, el('p', {class: 'muted'}, 'P(alive) over time needs a fitted model.'));
    return;
  }
  const latest = new Date(Date.now() + 300 * 86400000).toISOString().slice(0, 10);
  const days = [];
  for (const months of [0, 1, 2, 3, 4, 6, 8, 10, 12, 15, 18, 24]) {
    const day = addMonths(lastPurchaseDay, months);
    if (day <= latest) days.push(day);
  }
  try {
    const answers = await Promise.all(days.map(day => api(path + '/ltv' + query({asOf: day}))));
    const points = answers.filter(a => a.predictive && a.predictive.status === 'OK')
        .map(a => [Date.parse(a.asOf + 'T00:00:00Z'), a.predictive.probabilityAlive]);
    if (points.length === 0) {
      empty(container, 'No P(alive) for these dates.');
      return;
    }
    const day = v => new Date(v).toISOString().slice(0, 10);
    const chartNode = lineChart('P(alive) after the last purchase', [{name: 'P(alive)', points}], 'as of', 'P(alive)', day, percent);
    chartNode.querySelector('svg').dataset.values = JSON.stringify(answers.map(a => [a.asOf, a.predictive.probabilityAlive]));
    show(container, chartNode);
  } catch (error) {
    showError(container, error, 'P(alive) over time');
  }
}

async function loadPurchases(customerId) {
  const container = document.getElementById('customer-purchases');
  const existing = container.querySelector('tbody');
  if (!existing) loading(container);
  try {
    const page = await api('/customers/' + encodeURIComponent(customerId) + '/purchases' + query({limit: 50, cursor: state.purchasesCursor}));
    if (customerId !== state.customerId) return;
    const rows = page.purchases.map(p => el('tr', {class: p.kind === 'REFUND' ? 'refund' : null},
        el('td', {}, p.purchaseId), el('td', {}, p.purchasedAt),
        el('td', {}, p.kind === 'REFUND' ? 'refund of ' + p.refundOf : 'purchase'),
        el('td', {class: 'num', 'data-value': p.amount}, (p.kind === 'REFUND' ? '−' : '') + money(p.amount)),
        el('td', {}, p.channel || '')));
    state.purchasesCursor = page.nextCursor || null;
    const more = page.nextCursor ? el('button', {type: 'button', id: 'purchases-more', onclick: () => loadPurchases(customerId)}, 'More purchases') : null;
    if (existing) {
      existing.append(...rows);
      container.querySelector('.pager').replaceChildren(...[more].filter(Boolean));
      return;
    }
    show(container, el('h3', {}, 'Purchases'),
        el('div', {class: 'scroll'}, el('table', {id: 'purchases-table'},
            el('thead', {}, el('tr', {}, el('th', {}, 'Purchase'), el('th', {}, 'At'), el('th', {}, 'Kind'),
                el('th', {class: 'num'}, 'Amount'), el('th', {}, 'Channel'))),
            el('tbody', {}, rows))),
        el('div', {class: 'pager'}, more));
  } catch (error) {
    showError(container, error, 'Purchases');
  }
}

// ---------- segments, cohorts, channels ----------

async function loadSegments() {
  const container = document.getElementById('segments');
  loading(container);
  try {
    const body = await api('/segments');
    state.currency = body.currency || state.currency;
    if (!body.segments || body.segments.length === 0) {
      empty(container, 'No segments yet.', el('p', {}, 'Segment boundaries come with a model fit:'), fitButton(loadSegments));
      return;
    }
    show(container,
        el('p', {class: 'muted'}, `${number(body.customers, 0)} customers; boundaries version ${body.boundariesVersion}`),
        el('div', {class: 'scroll'}, el('table', {id: 'segments-table'},
            el('thead', {}, el('tr', {}, ['Segment', 'Customers', 'Share', 'Revenue', 'Average LTV', 'Average predicted CLV']
                .map((h, i) => el('th', {class: i ? 'num' : null}, h)))),
            el('tbody', {}, body.segments.map(s => el('tr', {'data-segment': s.segment},
                el('td', {}, s.segment),
                el('td', {class: 'num', 'data-value': s.customers}, number(s.customers, 0)),
                el('td', {class: 'num', 'data-value': s.share}, percent(s.share)),
                el('td', {class: 'num', 'data-value': s.revenue}, money(s.revenue)),
                el('td', {class: 'num', 'data-value': s.averageLtv}, s.averageLtv === undefined ? '–' : money(s.averageLtv)),
                el('td', {class: 'num', 'data-value': s.averagePredictedClv}, s.averagePredictedClv === undefined ? '–' : money(s.averagePredictedClv))))))));
  } catch (error) {
    showError(container, error, 'Segments');
  }
}

async function loadCohorts() {
  const container = document.getElementById('cohorts');
  loading(container);
  try {
    const body = await api('/cohorts' + query({by: document.getElementById('cohort-form').elements.by.value}));
    state.currency = body.currency || state.currency;
    if (!body.cohorts || body.cohorts.length === 0) {
      empty(container, 'No cohorts yet.', postCurl());
      return;
    }
    const series = body.cohorts.map(c => ({name: c.cohort,
      points: c.curve.map(p => [p.monthsSinceAcquisition, p.cumulativeRevenuePerCustomer])}));
    show(container,
        lineChart('Cumulative revenue per customer, by cohort', series, 'months since acquisition', 'per customer', v => number(v, 0), money),
        el('div', {class: 'scroll'}, el('table', {id: 'cohorts-table'},
            el('thead', {}, el('tr', {}, ['Cohort', 'Customers', 'Revenue', 'Revenue / customer'].map((h, i) => el('th', {class: i ? 'num' : null}, h)))),
            el('tbody', {}, body.cohorts.map(c => el('tr', {},
                el('td', {}, c.cohort),
                el('td', {class: 'num', 'data-value': c.customers}, number(c.customers, 0)),
                el('td', {class: 'num', 'data-value': c.revenue}, money(c.revenue)),
                el('td', {class: 'num', 'data-value': c.revenuePerCustomer}, money(c.revenuePerCustomer))))))));
  } catch (error) {
    showError(container, error, 'Cohorts');
  }
}

async function loadChannels() {
  const container = document.getElementById('channels');
  loading(container);
  try {
    const body = await api('/channels' + query(parameterQuery()));
    state.currency = body.currency || state.currency;
    if (!body.channels || body.channels.length === 0) {
      empty(container, 'No channels yet.', el('p', {}, 'Purchases name their channel in the "channel" member.'));
      return;
    }
    show(container,
        scatter('Average LTV against acquisition cost, by channel (dashed: LTV = acquisition cost)', body.channels.map(c => ({x: c.acquisitionCost, y: c.averageLtv, name: c.channel,
          label: `${c.channel}: CAC ${money(c.acquisitionCost)}, LTV ${money(c.averageLtv)}`})), 'acquisition cost', 'average LTV', money, money, true),
        el('div', {class: 'scroll'}, el('table', {id: 'channels-table'},
            el('thead', {}, el('tr', {}, ['Channel', 'Customers', 'Revenue', 'Acquisition cost', 'Average LTV', 'Average predicted CLV', 'LTV : CAC']
                .map((h, i) => el('th', {class: i ? 'num' : null}, h)))),
            el('tbody', {}, body.channels.map(c => el('tr', {},
                el('td', {}, c.channel),
                el('td', {class: 'num', 'data-value': c.customers}, number(c.customers, 0)),
                el('td', {class: 'num', 'data-value': c.revenue}, money(c.revenue)),
                el('td', {class: 'num', 'data-value': c.acquisitionCost}, money(c.acquisitionCost) + ' (' + c.acquisitionCostSource + ')'),
                el('td', {class: 'num', 'data-value': c.averageLtv}, money(c.averageLtv)),
                el('td', {class: 'num', 'data-value': c.averagePredictedClv}, c.averagePredictedClv === undefined ? '–' : money(c.averagePredictedClv)),
                el('td', {class: 'num', 'data-value': c.ltvToCac}, c.ltvToCac === undefined ? '–' : number(c.ltvToCac, 2))))))));
  } catch (error) {
    showError(container, error, 'Channels');
  }
}

// ---------- model ----------

function parameterTable(name, values, errors) {
  return el('table', {class: 'parameters-table'},
      el('caption', {}, name),
      el('tbody', {}, Object.entries(values).map(([key, value]) => el('tr', {},
          el('th', {}, key),
          el('td', {class: 'num', 'data-field': name + '.' + key, 'data-value': String(value)}, number(value, 4)),
          el('td', {class: 'num muted'}, errors && errors[key] !== undefined ? '± ' + number(errors[key], 4) : '')))));
}

/** Calibration rows ({frequency, actualMean, predictedMean}): GET /model's calibrationPlot, or wherever the scorecard carries them. */
function calibrationRows(scorecard) {
  if (!scorecard || typeof scorecard !== 'object') return [];
  if (Array.isArray(scorecard.calibrationPlot)) return scorecard.calibrationPlot;
  if (Array.isArray(scorecard.byFrequency)) return scorecard.byFrequency;
  for (const value of Object.values(scorecard)) {
    const rows = calibrationRows(value);
    if (rows.length) return rows;
  }
  return [];
}

async function loadModel() {
  const container = document.getElementById('model');
  const scoreContainer = document.getElementById('scorecard');
  loading(container);
  loading(scoreContainer);
  let body;
  try {
    body = await api('/model');
  } catch (error) {
    showError(container, error, 'Model');
    show(scoreContainer);
    return;
  }
  const lastFit = body.lastFit ? el('p', {class: 'muted', 'data-field': 'lastFit'},
      `Last fit: ${body.lastFit.outcome} at ${body.lastFit.at}` + (body.lastFit.reason ? ` (${body.lastFit.reason})` : '')) : null;
  if (body.status !== 'FITTED' || !body.model) {
    empty(container, 'No model yet: ' + (body.reason || body.status), lastFit, el('p', {}, fitButton(loadModel)));
    empty(scoreContainer, 'No scorecard yet: there is no fitted model.');
    return;
  }
  const model = body.model;
  const errors = model.standardErrors || {};
  const tables = [];
  for (const key of ['bgnbd', 'paretonbd', 'mbgnbd', 'gammaGamma']) {
    if (model[key]) tables.push(parameterTable(key, model[key], errors[key]));
  }
  show(container,
      figures(
          figure('model.kind', 'Model', model.kind),
          figure('model.version', 'Version', model.version),
          figure('model.asOf', 'As of', model.asOf),
          figure('model.customers', 'Customers', model.customers, v => number(v, 0)),
          figure('model.repeatCustomers', 'Repeat customers', model.repeatCustomers, v => number(v, 0))),
      el('p', {class: 'muted'}, `Fitted ${model.fittedAt}, time unit ${model.unit}` + (model.selection ? `, selection ${model.selection}` : '')),
      el('div', {class: 'tables'}, tables),
      lastFit,
      el('p', {}, fitButton(loadModel)));
  const scorecard = model.scorecard;
  if (!scorecard) {
    empty(scoreContainer, 'No scorecard yet.', el('p', {}, 'This server stores no holdout scorecard with the model: it comes with a newer version of ltv.'));
    return;
  }
  const metrics = Object.entries(scorecard).filter(([, v]) => typeof v === 'number');
  const rows = calibrationRows(scorecard);
  show(scoreContainer,
      el('h3', {}, 'Holdout scorecard'),
      figures(metrics.map(([key, value]) => figure('scorecard.' + key, key, value, v => number(v, 4)))),
      rows.length ? scatter('Calibration: predicted against actual mean holdout purchases, by calibration frequency',
          rows.map(r => ({x: r.predictedMean, y: r.actualMean, label: `${r.frequency}: predicted ${number(r.predictedMean, 3)}, actual ${number(r.actualMean, 3)} (${r.customers} customers)`})),
          'predicted', 'actual', v => number(v, 2), v => number(v, 2), true) : el('p', {class: 'muted'}, 'No calibration table in the scorecard.'),
      (model.candidates || []).length ? el('table', {id: 'candidates-table'},
          el('thead', {}, el('tr', {}, el('th', {}, 'Candidate'), el('th', {}, 'Status'), el('th', {}, 'Reason'))),
          el('tbody', {}, model.candidates.map(c => el('tr', {}, el('td', {}, c.kind), el('td', {}, c.status), el('td', {}, c.reason || ''))))) : null);
}

// ---------- views ----------

const loaders = {
  overview: () => {
    loadMetrics();
    loadHistogram('ltv', 'histogram-ltv', 'Classic LTV');
    loadHistogram('predictedClv', 'histogram-clv', 'Predicted CLV');
  },
  customers: () => { state.rankingCursors = []; state.rankingCursor = null; loadRanking(); },
  segments: loadSegments,
  cohorts: () => { loadCohorts(); loadChannels(); },
  model: loadModel,
};

function route() {
  const hash = decodeURIComponent(location.hash.slice(1)) || 'overview';
  const [view, ...rest] = hash.split('/');
  const name = view === 'customer' ? 'customer' : (loaders[view] ? view : 'overview');
  for (const section of document.querySelectorAll('.view')) section.hidden = section.id !== 'view-' + name;
  for (const link of document.querySelectorAll('nav a')) {
    if (link.dataset.view === (name === 'customer' ? 'customers' : name)) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (name === 'customer') loadCustomer(rest.join('/'));
  else loaders[name]();
  document.body.dataset.view = name;
}

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('server').textContent = location.host;
  document.getElementById('parameter-form').addEventListener('submit', applyParameters);
  document.getElementById('parameter-reset').addEventListener('click', resetParameters);
  document.getElementById('period-form').addEventListener('submit', event => {
    event.preventDefault();
    const period = event.target.elements.period.value.trim();
    if (period) loadPeriod(period);
  });
  document.getElementById('lookup-form').addEventListener('submit', event => {
    event.preventDefault();
    openCustomer(event.target.elements.customerId.value.trim());
  });
  document.getElementById('ranking-form').addEventListener('submit', event => {
    event.preventDefault();
    state.rankingCursors = [];
    state.rankingCursor = null;
    loadRanking();
  });
  document.getElementById('cohort-form').addEventListener('submit', event => { event.preventDefault(); loadCohorts(); });
  loadSegmentsInto(document.getElementById('ranking-form').elements.segment);
  window.addEventListener('hashchange', route);
  route();
  // the parameters in force come with the company figures, whichever view opens first
  if (document.body.dataset.view !== 'overview') loadMetrics();
});
