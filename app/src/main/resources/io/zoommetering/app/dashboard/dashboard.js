// The zoom-metering dashboard: plain JavaScript and hand-drawn SVG, nothing loaded from outside the jar. Every
// figure comes from the query API (/api/v1); an element showing one carries where it came from (data-source, the
// key fields it sums over as data-key, data-field), which the browser test checks against the API's own answers.
'use strict';

const API = '/api/v1';
const REFRESH_MS = 10000;
const HISTORY_DAYS = 35;
const COLORS = ['#2d6cdf', '#e07a1f', '#2a9d5c', '#8e44ad', '#c0392b', '#16a3b8', '#7f8c8d'];
const LINEAGE = new Set(['load_date', 'update_date', 'source_system']);
const TOP_ACCOUNTS = 15;

// One entry per output (or group of outputs) with a view of its own. A queryable output that no entry names is
// shown as a table under its own name, so a new output (churn risk, plan suggestions, the forecast) appears as
// soon as it lands; giving it a chart is one entry here.
const SECTIONS = [
  {id: 'active-users', title: 'Active users', note: 'DAU, WAU and MAU', outputs: ['active-users'], render: activeUsers},
  {id: 'meeting-minutes', title: 'Meeting minutes', note: 'ended meetings, per day', outputs: ['meeting-minutes'],
    render: meetingMinutes},
  {id: 'mrr', title: 'MRR by plan', note: 'latest month', outputs: ['mrr'], render: mrr},
  {id: 'revenue', title: 'Revenue', note: 'per day, and by plan', outputs: ['revenue'], render: revenue},
  {id: 'usage', title: 'Usage and overage by product', note: 'latest month', width: 'double',
    outputs: ['usage-by-product', 'overage'], optional: ['overage-alerts'], render: usage},
  {id: 'errors', title: 'Error records by type', note: 'since each instance started', outputs: [], render: errors},
  {id: 'event-totals', title: 'Event totals per hour', note: 'accepted records by event time, last 48 hours',
    width: 'full', outputs: ['event-totals'], render: eventTotals},
  {id: 'forecast', title: 'Forecast', note: 'hourly events of the last day, and the forecast with its p10-p90 band',
    width: 'full', outputs: ['event-totals', 'forecast'], render: forecast},
  {id: 'churn-risk', title: 'Churn risk', note: `the ${TOP_ACCOUNTS} highest scores, with the signals that hold`,
    width: 'double', outputs: ['churn-risk'], render: churnRisk},
  {id: 'plan-suggestions', title: 'Plan suggestions', note: 'each account\'s newest, largest savings first',
    width: 'double', outputs: ['plan-suggestions'], render: planSuggestions},
];

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function getJson(url) {
  const response = await fetch(url, {cache: 'no-store'});
  const body = await response.json().catch(() => ({error: response.statusText}));
  if (!response.ok) {
    throw new ApiError(response.status, body.error || response.statusText);
  }
  return body;
}

/** Every row of an output matching the key filter, page by page. */
async function rowsOf(output, params = {}) {
  let rows = [];
  let offset = 0;
  for (;;) {
    const query = new URLSearchParams({...params, limit: '10000', offset: String(offset)});
    const page = await getJson(`${API}/outputs/${output}?${query}`);
    rows = rows.concat(page.rows);
    if (page.next_offset === null) {
      return rows;
    }
    offset = page.next_offset;
  }
}

// ---- DOM and formatting ----

function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    element.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** A figure as shown, with where it comes from: the sum of `field` over the rows of `source` matching `key`. */
function fig(text, source, key, field) {
  return h('span', {'data-source': source, 'data-key': JSON.stringify(key), 'data-field': field}, text);
}

function outputFig(text, output, key, field) {
  return fig(text, `${API}/outputs/${output}`, key, field);
}

function groupDigits(digits) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** An exact decimal string shown with digit groups, never through a binary float. */
function decimal(text) {
  if (text === null || text === undefined) {
    return '–';
  }
  const negative = text.startsWith('-');
  const [whole, fraction] = (negative ? text.slice(1) : text).split('.');
  return (negative ? '-' : '') + groupDigits(whole) + (fraction === undefined ? '' : '.' + fraction);
}

function money(text) {
  return text === null || text === undefined ? '–' : (text.startsWith('-') ? '-$' + decimal(text.slice(1)) : '$' + decimal(text));
}

function count(value) {
  return groupDigits(String(value));
}

/** Exact sum of decimal strings (money has 2 decimals): scaled integers, not floats. */
function decimalSum(values) {
  const scale = Math.max(0, ...values.map(v => (v.split('.')[1] || '').length));
  let total = 0n;
  for (const value of values) {
    const [whole, fraction = ''] = value.replace('-', '').split('.');
    const scaled = BigInt(whole + fraction.padEnd(scale, '0'));
    total += value.startsWith('-') ? -scaled : scaled;
  }
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : digits.slice(0, -scale) + '.' + digits.slice(-scale);
  return (negative ? '-' : '') + text;
}

function addDays(day, days) {
  const date = new Date(day + 'T00:00:00Z');
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function latest(rows, field) {
  return rows.reduce((best, row) => (best === null || row.key[field] > best.key[field] ? row : best), null);
}

function figureBlock(label, value) {
  return h('div', {class: 'figure'}, h('div', {class: 'label'}, label), h('div', {class: 'number'}, value));
}

function empty(text) {
  return h('p', {class: 'empty'}, text);
}

// ---- charts: hand-drawn SVG ----

const SVG = 'http://www.w3.org/2000/svg';

function s(tag, attrs = {}, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) {
    element.setAttribute(name, value);
  }
  if (text !== undefined) {
    element.textContent = text;
  }
  return element;
}

/** Lines over a shared x axis of sorted labels; series: [{name, points: Map(label -> number)}]. */
function lineChart(series, width = 600, height = 190) {
  const labels = [...new Set(series.flatMap(line => [...line.points.keys()]))].sort();
  const max = Math.max(1, ...series.flatMap(line => [...line.points.values()]));
  const left = 44, right = 8, top = 8, bottom = 22;
  const x = i => left + (labels.length <= 1 ? 0 : (i * (width - left - right)) / (labels.length - 1));
  const y = v => top + (height - top - bottom) * (1 - v / max);
  const svg = s('svg', {viewBox: `0 0 ${width} ${height}`, role: 'img'});
  axes(svg, labels, max, width, height, left, bottom, top, x);
  series.forEach((line, n) => {
    const points = labels.map((label, i) => (line.points.has(label) ? `${x(i)},${y(line.points.get(label))}` : null))
      .filter(p => p !== null).join(' ');
    svg.append(s('polyline', {points, fill: 'none', stroke: COLORS[n % COLORS.length], 'stroke-width': 2}));
  });
  return h('div', {}, svg, legend(series.map(line => line.name)));
}

/** Vertical bars; bars: [{label, value, title}]. */
function barChart(bars, width = 600, height = 190, color = COLORS[0]) {
  const max = Math.max(1, ...bars.map(bar => bar.value));
  const left = 44, right = 8, top = 8, bottom = 22;
  const step = (width - left - right) / Math.max(1, bars.length);
  const svg = s('svg', {viewBox: `0 0 ${width} ${height}`, role: 'img'});
  axes(svg, bars.map(bar => bar.label), max, width, height, left, bottom, top, i => left + step * (i + 0.5));
  bars.forEach((bar, i) => {
    const barHeight = (height - top - bottom) * (bar.value / max);
    const rect = s('rect', {x: left + step * i + step * 0.15, y: height - bottom - barHeight,
      width: Math.max(1, step * 0.7), height: barHeight, fill: color});
    rect.append(s('title', {}, `${bar.label}: ${bar.title}`));
    svg.append(rect);
  });
  return svg;
}

function axes(svg, labels, max, width, height, left, bottom, top, x) {
  svg.append(s('line', {x1: left, y1: height - bottom, x2: width, y2: height - bottom, stroke: '#d8dee6'}));
  svg.append(s('text', {x: left - 4, y: top + 8, 'text-anchor': 'end'}, compact(max)));
  svg.append(s('text', {x: left - 4, y: height - bottom, 'text-anchor': 'end'}, '0'));
  if (labels.length > 0) {
    const shown = labels.length === 1 ? [0] : [0, Math.floor((labels.length - 1) / 2), labels.length - 1];
    [...new Set(shown)].forEach((i, n) => svg.append(s('text', {x: x(i), y: height - 6,
      'text-anchor': n === 0 && labels.length > 1 ? 'start' : n === shown.length - 1 && labels.length > 1 ? 'end' : 'middle'},
      labels[i])));
  }
}

function compact(value) {
  return value >= 1e6 ? (value / 1e6).toFixed(1) + 'M' : value >= 1e4 ? Math.round(value / 1e3) + 'k' : String(Math.round(value));
}

function legend(names) {
  return h('div', {class: 'legend'}, names.map((name, n) => h('span', {}, h('i', {style: `background:${COLORS[n % COLORS.length]}`}), name)));
}

function table(headers, rows) {
  return h('div', {class: 'scroll'}, h('table', {},
    h('thead', {}, h('tr', {}, headers.map(([text, numeric]) => h('th', numeric ? {class: 'n'} : {}, text)))),
    h('tbody', {}, rows.map(cells => h('tr', {}, cells.map(([cell, numeric]) => h('td', numeric ? {class: 'n'} : {}, cell)))))));
}

// ---- the sections ----

async function activeUsers(ctx) {
  const rows = await rowsOf('active-users', {from: ctx.from, to: ctx.to});
  const labels = {DAILY: 'DAU', WEEKLY: 'WAU', MONTHLY: 'MAU'};
  const figures = [];
  const series = [];
  for (const [period, label] of Object.entries(labels)) {
    const ofPeriod = rows.filter(row => row.key.period_type === period);
    const last = latest(ofPeriod, 'activity_date');
    figures.push(figureBlock(`${label}${last ? ' · ' + last.key.activity_date : ''}`, last
      ? outputFig(count(last.value.active_user_count), 'active-users', last.key, 'active_user_count') : '–'));
    series.push({name: label, points: new Map(ofPeriod.map(row => [row.key.activity_date, row.value.active_user_count]))});
  }
  return [h('div', {class: 'figures'}, figures), lineChart(series)];
}

async function meetingMinutes(ctx) {
  const rows = await rowsOf('meeting-minutes', {from: ctx.from, to: ctx.to});
  const daily = rows.filter(row => row.key.period_type === 'DAILY');
  const day = latest(daily, 'activity_date');
  const month = latest(rows.filter(row => row.key.period_type === 'MONTHLY'), 'activity_date');
  const figures = [];
  if (day) {
    figures.push(figureBlock(`minutes · ${day.key.activity_date}`,
      outputFig(count(day.value.total_meeting_minutes), 'meeting-minutes', day.key, 'total_meeting_minutes')));
    figures.push(figureBlock('meetings', outputFig(count(day.value.meeting_count), 'meeting-minutes', day.key, 'meeting_count')));
  }
  if (month) {
    figures.push(figureBlock(`minutes · month of ${month.key.activity_date}`,
      outputFig(count(month.value.total_meeting_minutes), 'meeting-minutes', month.key, 'total_meeting_minutes')));
  }
  if (daily.length === 0) {
    return [empty('No ended meetings yet.')];
  }
  return [h('div', {class: 'figures'}, figures), barChart(daily.map(row =>
    ({label: row.key.activity_date, value: row.value.total_meeting_minutes, title: count(row.value.total_meeting_minutes)})))];
}

async function mrr(ctx) {
  const rows = await rowsOf('mrr', {from: ctx.from, to: ctx.to});
  const last = latest(rows, 'activity_month');
  if (!last) {
    return [empty('No recurring revenue yet.')];
  }
  const month = last.key.activity_month;
  const ofMonth = rows.filter(row => row.key.activity_month === month);
  const all = ofMonth.find(row => row.key.plan_type === 'ALL');
  const plans = ofMonth.filter(row => row.key.plan_type !== 'ALL')
    .sort((a, b) => Number(b.value.monthly_recurring_revenue) - Number(a.value.monthly_recurring_revenue));
  const max = Math.max(1, ...plans.map(row => Number(row.value.monthly_recurring_revenue)));
  const figures = all ? [
    figureBlock(`MRR · ${month}`, outputFig(money(all.value.monthly_recurring_revenue), 'mrr', all.key, 'monthly_recurring_revenue')),
    figureBlock('paying accounts', outputFig(count(all.value.paying_accounts), 'mrr', all.key, 'paying_accounts')),
    figureBlock('ARPU', outputFig(money(all.value.arpu), 'mrr', all.key, 'arpu')),
  ] : [];
  return [h('div', {class: 'figures'}, figures), table([['plan'], ['MRR', true], ['', false], ['paying accounts', true]],
    plans.map(row => [[row.key.plan_type],
      [outputFig(money(row.value.monthly_recurring_revenue), 'mrr', row.key, 'monthly_recurring_revenue'), true],
      [h('div', {style: `width:${Math.max(2, 100 * Math.max(0, Number(row.value.monthly_recurring_revenue)) / max)}px;height:10px;background:${COLORS[0]}`})],
      [outputFig(count(row.value.paying_accounts), 'mrr', row.key, 'paying_accounts'), true]]))];
}

async function revenue(ctx) {
  const rows = await rowsOf('revenue', {from: ctx.from, to: ctx.to});
  const daily = rows.filter(row => row.key.period_type === 'DAILY');
  const byDay = new Map();
  daily.forEach(row => byDay.set(row.key.activity_date, [...(byDay.get(row.key.activity_date) || []), row.value.revenue]));
  const days = [...byDay.keys()].sort();
  const month = latest(rows.filter(row => row.key.period_type === 'MONTHLY'), 'activity_date');
  if (days.length === 0) {
    return [empty('No billed revenue yet.')];
  }
  const monthRows = month ? rows.filter(row => row.key.period_type === 'MONTHLY' && row.key.activity_date === month.key.activity_date) : [];
  const figures = month ? [figureBlock(`revenue · month of ${month.key.activity_date}`, outputFig(
    money(decimalSum(monthRows.map(row => row.value.revenue))), 'revenue',
    {period_type: 'MONTHLY', activity_date: month.key.activity_date}, 'revenue'))] : [];
  return [h('div', {class: 'figures'}, figures),
    barChart(days.map(day => {
      const total = decimalSum(byDay.get(day));
      return {label: day, value: Math.max(0, Number(total)), title: money(total)};
    }), 600, 150, COLORS[2]),
    table([['plan'], ['revenue this month', true], ['billing events', true]], monthRows.map(row => [[row.key.plan_type],
      [outputFig(money(row.value.revenue), 'revenue', row.key, 'revenue'), true],
      [outputFig(count(row.value.event_count), 'revenue', row.key, 'event_count'), true]]))];
}

async function usage(ctx, available) {
  const params = {from: ctx.from, to: ctx.to};
  const [usageRows, overageRows, alertRows] = await Promise.all([rowsOf('usage-by-product', params),
    rowsOf('overage', params), available.has('overage-alerts') ? rowsOf('overage-alerts', params) : []]);
  const last = latest(usageRows, 'activity_month');
  if (!last) {
    return [empty('No metered usage yet.')];
  }
  const month = last.key.activity_month;
  const id = key => `${key.plan_type}/${key.meter}`;
  const overage = new Map(overageRows.filter(row => row.key.activity_month === month).map(row => [id(row.key), row]));
  const alerts = new Map(alertRows.filter(row => row.key.activity_month === month).map(row => [id(row.key), row]));
  const rows = usageRows.filter(row => row.key.activity_month === month)
    .sort((a, b) => id(a.key).localeCompare(id(b.key)));
  return [table([['plan'], ['meter'], ['usage', true], ['overage', true], ['accounts over', true], ['overage revenue', true], ['alert']],
    rows.map(row => {
      const over = overage.get(id(row.key));
      const alert = alerts.get(id(row.key));
      return [[row.key.plan_type], [row.key.meter],
        [outputFig(decimal(row.value.usage), 'usage-by-product', row.key, 'usage'), true],
        [over ? outputFig(decimal(over.value.overage), 'overage', over.key, 'overage') : '–', true],
        [over ? outputFig(count(over.value.overage_accounts), 'overage', over.key, 'overage_accounts') : '–', true],
        [over ? outputFig(money(over.value.overage_revenue), 'overage', over.key, 'overage_revenue') : '–', true],
        [alert ? h('span', {class: 'alert'}, 'over threshold ', outputFig(count(alert.value.threshold), 'overage-alerts', alert.key, 'threshold')) : '']];
    }))];
}

async function errors() {
  const body = await getJson(`${API}/errors`);
  if (body.rows.length === 0) {
    return [empty('No error records.')];
  }
  const byType = new Map();
  body.rows.forEach(row => byType.set(row.key.error_type, (byType.get(row.key.error_type) || 0) + row.value.error_count));
  const types = [...byType.entries()].sort((a, b) => b[1] - a[1]);
  const max = Math.max(1, ...types.map(([, n]) => n));
  return [table([['error type'], ['records', true], ['']], types.map(([type, n]) => [[type],
      [fig(count(n), `${API}/errors`, {error_type: type}, 'error_count'), true],
      [h('div', {style: `width:${Math.max(2, 160 * n / max)}px;height:10px;background:${COLORS[4]}`})]]))];
}

/** The HOURLY event totals of the last two days, and their sums over streams and plans by hour. */
function hourlyTotals(ctx) {
  if (!ctx.hourly) {
    ctx.hourly = rowsOf('event-totals', {period: 'HOURLY', from: addDays(ctx.to, -2), to: ctx.to}).then(rows => {
      const byHour = new Map();
      rows.forEach(row => byHour.set(row.key.bucket_start, (byHour.get(row.key.bucket_start) || 0) + row.value.event_count));
      return {rows, byHour};
    });
  }
  return ctx.hourly;
}

async function eventTotals(ctx) {
  const {rows, byHour} = await hourlyTotals(ctx);
  if (rows.length === 0) {
    return [empty('No events yet.')];
  }
  const hours = [...byHour.keys()].sort().slice(-48);
  const lastHour = hours[hours.length - 1];
  const byStream = new Map();
  rows.filter(row => row.key.bucket_start === lastHour)
    .forEach(row => byStream.set(row.key.stream, (byStream.get(row.key.stream) || 0) + row.value.event_count));
  return [h('div', {class: 'figures'},
      figureBlock(`events · hour of ${lastHour}`, outputFig(count(byHour.get(lastHour)), 'event-totals',
        {period: 'HOURLY', bucket_start: lastHour}, 'event_count')),
      [...byStream.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([stream, n]) => figureBlock(stream,
        outputFig(count(n), 'event-totals', {stream, period: 'HOURLY', bucket_start: lastHour}, 'event_count')))),
    barChart(hours.map(hour => ({label: hour.slice(5, 13).replace('T', ' ') + 'h', value: byHour.get(hour), title: count(byHour.get(hour))})), 1200, 170, COLORS[5])];
}

/**
 * The actual hourly totals of the last day and the forecast's hours (each series' forecasts from its newest closed
 * hour), both summed over streams and plans: the expected count as a line in its p10-p90 band, the actuals as bars.
 */
async function forecast(ctx) {
  const [{byHour}, rows] = await Promise.all([hourlyTotals(ctx), rowsOf('forecast')]);
  const ahead = new Map();
  rows.forEach(row => {
    const sums = ahead.get(row.key.hour) || {expected: 0, p10: 0, p90: 0};
    sums.expected += row.value.expected_events;
    sums.p10 += row.value.p10_events;
    sums.p90 += row.value.p90_events;
    ahead.set(row.key.hour, sums);
  });
  if (ahead.size === 0) {
    return [empty('No forecast yet: a series needs a day of closed hours.')];
  }
  const actualHours = [...byHour.keys()].sort().slice(-24);
  const hours = [...new Set([...actualHours, ...ahead.keys()])].sort().filter(hour => hour >= (actualHours[0] || ''));
  const next = [...ahead.keys()].sort().find(hour => !byHour.has(hour)) || [...ahead.keys()].sort().pop();
  const label = hour => hour.slice(5, 13).replace('T', ' ') + 'h';
  const estimate = value => {
    const [whole, fraction] = value.toFixed(1).split('.');
    return groupDigits(whole) + '.' + fraction;
  };
  const fields = [['expected_events', 'expected'], ['p10_events', 'p10'], ['p90_events', 'p90']];
  return [h('div', {class: 'figures'},
      fields.map(([field, name]) => figureBlock(`${name} · hour of ${next}`,
        outputFig(estimate(ahead.get(next)[name]), 'forecast', {hour: next}, field)))),
    bandChart(hours.map(label), hours.map(hour => byHour.get(hour)), hours.map(hour => ahead.get(hour))),
    table([['hour'], ['actual events', true], ['expected', true], ['p10', true], ['p90', true]],
      hours.filter(hour => ahead.has(hour)).map(hour => [[label(hour)],
        [byHour.has(hour) ? outputFig(count(byHour.get(hour)), 'event-totals', {period: 'HOURLY', bucket_start: hour}, 'event_count') : '–', true],
        ...fields.map(([field, name]) => [outputFig(estimate(ahead.get(hour)[name]), 'forecast', {hour}, field), true])]))];
}

/** Bars of actuals and a line in a band, over hour labels; an hour without one has undefined there. */
function bandChart(labels, actuals, forecasts, width = 1200, height = 190) {
  const max = Math.max(1, ...actuals.filter(v => v !== undefined), ...forecasts.filter(f => f).map(f => f.p90));
  const left = 44, right = 8, top = 8, bottom = 22;
  const step = (width - left - right) / Math.max(1, labels.length);
  const x = i => left + step * (i + 0.5);
  const y = v => top + (height - top - bottom) * (1 - v / max);
  const svg = s('svg', {viewBox: `0 0 ${width} ${height}`, role: 'img'});
  axes(svg, labels, max, width, height, left, bottom, top, x);
  actuals.forEach((value, i) => {
    if (value !== undefined) {
      const rect = s('rect', {x: left + step * i + step * 0.15, y: y(value), width: Math.max(1, step * 0.7),
        height: height - bottom - y(value), fill: COLORS[5]});
      rect.append(s('title', {}, `${labels[i]}: ${count(value)} events`));
      svg.append(rect);
    }
  });
  const ahead = forecasts.map((f, i) => (f ? {i, f} : null)).filter(p => p !== null);
  const band = ahead.map(({i, f}) => `${x(i)},${y(f.p90)}`)
    .concat(ahead.slice().reverse().map(({i, f}) => `${x(i)},${y(f.p10)}`)).join(' ');
  svg.append(s('polygon', {points: band, fill: COLORS[1], 'fill-opacity': 0.2, stroke: 'none'}));
  svg.append(s('polyline', {points: ahead.map(({i, f}) => `${x(i)},${y(f.expected)}`).join(' '), fill: 'none',
    stroke: COLORS[1], 'stroke-width': 2}));
  return h('div', {}, svg, h('div', {class: 'legend'},
    h('span', {}, h('i', {style: `background:${COLORS[5]}`}), 'actual events'),
    h('span', {}, h('i', {style: `background:${COLORS[1]}`}), 'expected'),
    h('span', {}, h('i', {style: `background:${COLORS[1]};opacity:0.2`}), 'p10-p90')));
}

async function churnRisk() {
  const rows = (await rowsOf('churn-risk')).filter(row => row.value.score > 0)
    .sort((a, b) => b.value.score - a.value.score || a.key.user_id.localeCompare(b.key.user_id));
  if (rows.length === 0) {
    return [empty('No account at risk.')];
  }
  const alerts = rows.filter(row => row.value.alert).length;
  return [h('div', {class: 'figures'}, figureBlock('accounts at risk', count(rows.length)),
      figureBlock('alerts', count(alerts))),
    table([['account'], ['score', true], ['alert'], ['signals and evidence']], rows.slice(0, TOP_ACCOUNTS).map(row => [
      [row.key.user_id],
      [outputFig(count(row.value.score), 'churn-risk', row.key, 'score'), true],
      [row.value.alert ? h('span', {class: 'alert'}, 'alert') : ''],
      [h('div', {}, row.value.reasons.map(reason => h('div', {}, h('b', {}, `${reason.signal} +${reason.weight}`),
        ' ', reason.evidence)))]]))];
}

async function planSuggestions() {
  const newest = new Map();
  for (const row of await rowsOf('plan-suggestions')) {
    const seen = newest.get(row.key.user_id);
    if (!seen || row.key.activity_month > seen.key.activity_month) {
      newest.set(row.key.user_id, row);
    }
  }
  const rows = [...newest.values()]
    .sort((a, b) => Number(b.value.monthly_saving) - Number(a.value.monthly_saving) || a.key.user_id.localeCompare(b.key.user_id));
  if (rows.length === 0) {
    return [empty('No suggestions yet: an account needs three complete months.')];
  }
  return [table([['account'], ['months to'], ['rule'], ['plan'], ['suggested'], ['cost now', true], ['suggested cost', true],
    ['monthly saving', true]], rows.slice(0, TOP_ACCOUNTS).map(row => [[row.key.user_id], [row.key.activity_month],
    [row.value.rule], [row.value.current_plan], [row.value.suggested_plan],
    [outputFig(money(row.value.current_monthly_cost), 'plan-suggestions', row.key, 'current_monthly_cost'), true],
    [outputFig(money(row.value.suggested_monthly_cost), 'plan-suggestions', row.key, 'suggested_monthly_cost'), true],
    [outputFig(money(row.value.monthly_saving), 'plan-suggestions', row.key, 'monthly_saving'), true]]))];
}

/**
 * Any other queryable output: its last 200 rows by key of the last week (or of all, for a key with no date) as a
 * table, two small requests however many rows it has (per-account outputs have one or more per account). Numbers
 * and exact decimals are figures; text, flags and lists (churn-risk's reasons) are shown as they are.
 */
async function generic(output, ctx) {
  const dated = output.key_fields.some(field => /(_date|_month|_start)$/.test(field));
  const rows = await lastRows(output.name, dated ? {from: addDays(ctx.to, -6), to: ctx.to} : {}, 200);
  if (rows.length === 0) {
    return [empty('No rows yet.')];
  }
  const valueFields = Object.keys(rows[0].value).filter(field => !LINEAGE.has(field));
  return [table([...output.key_fields.map(field => [field]), ...valueFields.map(field => [field, true])],
    rows.map(row => [...output.key_fields.map(field => [String(row.key[field])]),
      ...valueFields.map(field => [cell(output.name, row.key, field, row.value[field]), true])]))];
}

function cell(output, key, field, value) {
  if (value === null) {
    return '–';
  }
  if (typeof value === 'number') {
    return outputFig(count(value), output, key, field);
  }
  if (typeof value === 'string' && /^-?[0-9]+(\.[0-9]+)?$/.test(value)) {
    return outputFig(decimal(value), output, key, field);
  }
  if (Array.isArray(value)) {
    return value.map(item => typeof item === 'object' && item !== null ? Object.values(item).join(' ') : String(item))
      .join('; ');
  }
  return String(value);
}

/** The last size rows of an output by key: the total first, then the one page that ends there. */
async function lastRows(output, params, size) {
  const first = await getJson(`${API}/outputs/${output}?${new URLSearchParams({...params, limit: '1'})}`);
  const offset = String(Math.max(0, first.total - size));
  const page = await getJson(`${API}/outputs/${output}?${new URLSearchParams({...params, limit: String(size), offset})}`);
  return page.rows;
}

// ---- refresh loop ----

const sectionElements = new Map();

function sectionElement(id, title, note, width) {
  if (!sectionElements.has(id)) {
    const element = h('section', {id: `section-${id}`, class: width || ''},
      h('h2', {}, title, note ? h('small', {}, note) : ''), h('div', {class: 'body'}));
    document.getElementById('sections').append(element);
    sectionElements.set(id, element);
  }
  return sectionElements.get(id);
}

async function refresh() {
  const banner = document.getElementById('banner');
  try {
    const listing = await getJson(`${API}/outputs`);
    const available = new Set(listing.outputs.filter(o => o.queryable).map(o => o.name));
    let to = new Date().toISOString().slice(0, 10);
    if (available.has('active-users')) {
      const last = latest(await rowsOf('active-users', {period_type: 'DAILY'}), 'activity_date');
      to = last ? last.key.activity_date : to;
    }
    const ctx = {to, from: addDays(to, -(HISTORY_DAYS - 1))};
    const views = [];
    const named = new Set();
    for (const section of SECTIONS) {
      section.outputs.concat(section.optional || []).forEach(name => named.add(name));
      if (section.outputs.every(name => available.has(name))) {
        views.push({section, content: section.render(ctx, available)});
      }
    }
    for (const output of listing.outputs.filter(o => o.queryable && !named.has(o.name))) {
      views.push({section: {id: output.name, title: output.topic, note: 'current rows'}, content: generic(output, ctx)});
    }
    // Drawn only once every view has its rows: a screen never mixes two moments.
    const drawn = await Promise.all(views.map(view => view.content));
    views.forEach((view, i) => {
      const element = sectionElement(view.section.id, view.section.title, view.section.note, view.section.width);
      element.querySelector('.body').replaceChildren(...drawn[i]);
    });
    banner.hidden = true;
    document.getElementById('status').textContent = `figures as of ${new Date().toLocaleTimeString('en-GB')}, through ${to}`;
    document.body.dataset.rendered = String(Number(document.body.dataset.rendered || 0) + 1);
  } catch (error) {
    banner.hidden = false;
    banner.textContent = (error instanceof ApiError && error.status === 503
      ? 'The processor is not ready (restoring or rebalancing); the figures below are from the last complete answer. '
      : 'The query API failed: ') + error.message;
  } finally {
    setTimeout(refresh, REFRESH_MS);
  }
}

refresh();
