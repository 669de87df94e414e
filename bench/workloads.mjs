// The read workloads of the benchmark: for each, the GraphQL query a portal or dashboard sends, who
// sends it, how its variables are drawn, and the hand-written SQL of a raw server that returns exactly
// the same `data` (bench/baseline.mjs). bench/run.mjs checks every pair for equality before it
// measures them.

/** SQL for the API's values, as the raw server writes them. */
const ts = (expr) => `to_char(${expr} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const dec = (expr) => `trim_scale(${expr})::text`;
const list = (object, from, order) => `(select coalesce(json_agg(${object} order by ${order}), '[]'::json) from ${from})`;

const OPEN = `('ISSUED', 'ACKNOWLEDGED', 'PARTIALLY_DELIVERED')`;

/** The first `n` rows of `from` in `order`, each as `object`. */
const page = (object, from, order, n) => `(select coalesce(json_agg(p.j order by p.r), '[]'::json) from (select ${object} as j, row_number() over (order by ${order}) as r from ${from} order by ${order} limit ${n}) p)`;

const orderLines = (parts) => list(`json_build_object('quantity', ${dec('l.quantity')}, 'part', (select json_build_object(${parts}) from parts p where p.id = l.part_id))`, 'order_lines l where l.order_id = o.id', 'l.line_number');

export const workloads = [
  {
    name: 'orders page (supplier)',
    viewer: 'supplier',
    query: 'query { orders(first: 50, filter: { status: [ISSUED, ACKNOWLEDGED, PARTIALLY_DELIVERED] }, orderBy: { field: DUE_DATE }) { nodes { number dueDate lines { quantity part { partNumber description } } deliveries { status } } } }',
    draw: (c) => ({ viewer: c.supplier(), variables: {} }),
    raw: `select json_build_object('orders', json_build_object('nodes', ${page(
      `json_build_object('number', o.number, 'dueDate', o.due_date, 'lines', ${orderLines("'partNumber', p.part_number, 'description', p.description")}, 'deliveries', ${list("json_build_object('status', d.status)", 'deliveries d where d.order_id = o.id', 'd.created_at, d.number')})`,
      `orders o where o.supplier_id = $1 and o.status in ${OPEN}`,
      'o.due_date, o.id',
      50,
    )}))::text as data`,
    params: (d) => [d.viewer.org],
  },
  {
    name: 'orders page with change requests (supplier)',
    viewer: 'supplier',
    query: 'query { orders(first: 50, filter: { status: [ISSUED, ACKNOWLEDGED, PARTIALLY_DELIVERED] }, orderBy: { field: DUE_DATE }) { nodes { number dueDate lines { quantity part { partNumber description } } deliveries { status } changeRequests { status reason } } } }',
    draw: (c) => ({ viewer: c.supplier(), variables: {} }),
    raw: `select json_build_object('orders', json_build_object('nodes', ${page(
      `json_build_object('number', o.number, 'dueDate', o.due_date, 'lines', ${orderLines("'partNumber', p.part_number, 'description', p.description")}, 'deliveries', ${list("json_build_object('status', d.status)", 'deliveries d where d.order_id = o.id', 'd.created_at, d.number')}, 'changeRequests', ${list("json_build_object('status', r.status, 'reason', r.reason)", 'order_change_requests r where r.order_id = o.id', 'r.created_at, r.id')})`,
      `orders o where o.supplier_id = $1 and o.status in ${OPEN}`,
      'o.due_date, o.id',
      50,
    )}))::text as data`,
    params: (d) => [d.viewer.org],
  },
  {
    name: 'order by id (buyer)',
    viewer: 'buyer',
    query: 'query($id: ID!) { node(id: $id) { ... on Order { number status partner { name } lines { lineNumber quantity part { partNumber } } } } }',
    draw: (c) => {
      const order = c.pick(c.orders);
      return { viewer: c.staff('BUYER'), variables: { id: c.gid('Order', order.id) }, order };
    },
    raw: `select json_build_object('node', (select json_build_object('number', o.number, 'status', o.status, 'partner', (select json_build_object('name', s.name) from suppliers s where s.id = o.supplier_id),
      'lines', ${list(`json_build_object('lineNumber', l.line_number, 'quantity', ${dec('l.quantity')}, 'part', (select json_build_object('partNumber', p.part_number) from parts p where p.id = l.part_id))`, 'order_lines l where l.order_id = o.id', 'l.line_number')})
      from orders o where o.id = $1))::text as data`,
    params: (d) => [d.order.id],
  },
  {
    name: 'deliveries page (supplier)',
    viewer: 'supplier',
    query: 'query { deliveries(first: 50) { nodes { number status estimatedArrival lines { quantity lotNumber orderLine { lineNumber part { partNumber } } } events { status occurredAt location } } } }',
    draw: (c) => ({ viewer: c.supplier(), variables: {} }),
    raw: `select json_build_object('deliveries', json_build_object('nodes', ${page(
      `json_build_object('number', d.number, 'status', d.status, 'estimatedArrival', ${ts('d.estimated_arrival')},
        'lines', ${list(`json_build_object('quantity', ${dec('dl.quantity')}, 'lotNumber', dl.lot_number, 'orderLine', (select json_build_object('lineNumber', l.line_number, 'part', (select json_build_object('partNumber', p.part_number) from parts p where p.id = l.part_id)) from order_lines l where l.id = dl.order_line_id))`, 'delivery_lines dl where dl.delivery_id = d.id', '(select l.line_number from order_lines l where l.id = dl.order_line_id)')},
        'events', ${list(`json_build_object('status', e.status, 'occurredAt', ${ts('e.occurred_at')}, 'location', e.location)`, 'delivery_events e where e.delivery_id = d.id', 'e.occurred_at, e.recorded_at, e.id')})`,
      `deliveries d where d.supplier_id = $1`,
      'd.created_at desc, d.id desc',
      50,
    )}))::text as data`,
    params: (d) => [d.viewer.org],
  },
  {
    name: 'delivery by id (supplier)',
    viewer: 'supplier',
    query: 'query($id: ID!) { node(id: $id) { ... on Delivery { number status order { number status } events { status occurredAt } } } }',
    draw: (c) => {
      const delivery = c.pick(c.deliveries);
      return { viewer: c.supplierOf(delivery.supplierId), variables: { id: c.gid('Delivery', delivery.id) }, delivery };
    },
    raw: `select json_build_object('node', (select json_build_object('number', d.number, 'status', d.status, 'order', (select json_build_object('number', o.number, 'status', o.status) from orders o where o.id = d.order_id),
      'events', ${list(`json_build_object('status', e.status, 'occurredAt', ${ts('e.occurred_at')})`, 'delivery_events e where e.delivery_id = d.id', 'e.occurred_at, e.recorded_at, e.id')})
      from deliveries d where d.id = $1 and d.supplier_id = $2))::text as data`,
    params: (d) => [d.delivery.id, d.viewer.org],
  },
  {
    name: 'nonconformances page (quality)',
    viewer: 'quality',
    query: 'query { nonconformances(first: 50) { nodes { number status severity createdAt part { partNumber } order { number } history { toStatus at by } } } }',
    draw: (c) => ({ viewer: c.staff('QUALITY_ENGINEER'), variables: {} }),
    raw: `select json_build_object('nonconformances', json_build_object('nodes', ${page(
      `json_build_object('number', n.number, 'status', n.status, 'severity', n.severity, 'createdAt', ${ts('n.created_at')}, 'part', (select json_build_object('partNumber', p.part_number) from parts p where p.id = n.part_id),
        'order', (select json_build_object('number', o.number) from orders o where o.id = n.order_id),
        'history', ${list(`json_build_object('toStatus', h.to_status, 'at', ${ts('h.at')}, 'by', h.by_name)`, 'nonconformance_history h where h.nonconformance_id = n.id', 'h.at, h.id')})`,
      'nonconformances n',
      'n.created_at desc, n.id desc',
      50,
    )}))::text as data`,
    params: () => [],
  },
  {
    name: 'nonconformance by id (supplier)',
    viewer: 'supplier',
    query: 'query($id: ID!) { node(id: $id) { ... on Nonconformance { number status severity containment rootCause part { partNumber description } history { fromStatus toStatus at by note } } } }',
    draw: (c) => {
      const nc = c.pick(c.nonconformances);
      return { viewer: c.supplierOf(nc.supplierId), variables: { id: c.gid('Nonconformance', nc.id) }, nc };
    },
    raw: `select json_build_object('node', (select json_build_object('number', n.number, 'status', n.status, 'severity', n.severity, 'containment', n.containment, 'rootCause', n.root_cause,
      'part', (select json_build_object('partNumber', p.part_number, 'description', p.description) from parts p where p.id = n.part_id),
      'history', ${list(
        `json_build_object('fromStatus', h.from_status, 'toStatus', h.to_status, 'at', ${ts('h.at')}, 'by', case when h.by_organization_id is null or h.by_organization_id = $2 then h.by_name when h.by_organization_id = n.supplier_id then 'Supplier' when h.by_organization_id = n.customer_id then 'Customer' else 'Partner' end, 'note', h.note)`,
        'nonconformance_history h where h.nonconformance_id = n.id',
        'h.at, h.id',
      )})
      from nonconformances n where n.id = $1 and n.supplier_id = $2))::text as data`,
    params: (d) => [d.nc.id, d.viewer.org],
  },
  {
    name: 'inspections of received deliveries (quality)',
    viewer: 'quality',
    query: 'query { deliveries(first: 50, filter: { status: [RECEIVED] }) { nodes { number lines { inspection { result lotSize defectsFound plan { codeLetter sampleSize acceptNumber rejectNumber } } } } } }',
    draw: (c) => ({ viewer: c.staff('QUALITY_ENGINEER'), variables: {} }),
    raw: `select json_build_object('deliveries', json_build_object('nodes', ${page(
      `json_build_object('number', d.number, 'lines', ${list(
        `json_build_object('inspection', (select json_build_object('result', i.result, 'lotSize', i.lot_size, 'defectsFound', i.defects_found, 'plan', json_build_object('codeLetter', i.code_letter, 'sampleSize', i.sample_size, 'acceptNumber', i.accept_number, 'rejectNumber', i.reject_number)) from inspections i where i.delivery_id = dl.delivery_id and i.order_line_id = dl.order_line_id))`,
        'delivery_lines dl where dl.delivery_id = d.id',
        '(select l.line_number from order_lines l where l.id = dl.order_line_id)',
      )})`,
      `deliveries d where d.status = 'RECEIVED'`,
      'd.created_at desc, d.id desc',
      50,
    )}))::text as data`,
    params: () => [],
  },
  {
    name: 'inspection by id (supplier)',
    viewer: 'supplier',
    query: 'query($id: ID!) { node(id: $id) { ... on Inspection { result lotSize lotNumber part { partNumber } plan { severity codeLetter sampleSize acceptNumber rejectNumber } nonconformance { number } } } }',
    draw: (c) => {
      const inspection = c.pick(c.inspections);
      return { viewer: c.supplierOf(inspection.supplierId), variables: { id: c.gid('Inspection', inspection.id) }, inspection };
    },
    raw: `select json_build_object('node', (select json_build_object('result', i.result, 'lotSize', i.lot_size, 'lotNumber', i.lot_number, 'part', (select json_build_object('partNumber', p.part_number) from parts p where p.id = i.part_id),
      'plan', json_build_object('severity', i.severity, 'codeLetter', i.code_letter, 'sampleSize', i.sample_size, 'acceptNumber', i.accept_number, 'rejectNumber', i.reject_number),
      'nonconformance', (select json_build_object('number', n.number) from nonconformances n where n.inspection_id = i.id and n.supplier_id = $2 order by n.created_at, n.id limit 1))
      from inspections i where i.id = $1 and i.supplier_id = $2))::text as data`,
    params: (d) => [d.inspection.id, d.viewer.org],
  },
  {
    name: 'contracts page (buyer)',
    viewer: 'buyer',
    query: 'query { contracts(first: 50) { nodes { number title type status effectiveTo partner { name } items { unitPrice part { partNumber } } } } }',
    draw: (c) => ({ viewer: c.staff('BUYER'), variables: {}, today: c.today }),
    raw: `select json_build_object('contracts', json_build_object('nodes', ${page(
      `json_build_object('number', c.number, 'title', v.title, 'type', c.type, 'status', case when c.status = 'ACTIVE' and v.effective_to < $1::date then 'EXPIRED' else c.status::text end, 'effectiveTo', v.effective_to,
        'partner', case when c.supplier_id is not null then (select json_build_object('name', s.name) from suppliers s where s.id = c.supplier_id) else (select json_build_object('name', u.name) from customers u where u.id = c.customer_id) end,
        'items', ${list(`json_build_object('unitPrice', ${dec('i.unit_price')}, 'part', (select json_build_object('partNumber', p.part_number) from parts p where p.id = i.part_id))`, 'contract_items i where i.contract_id = c.id and i.version = v.version', 'i.line')})`,
      `contracts c join contract_versions v on v.contract_id = c.id and v.version = (case when c.status in ('ACTIVE', 'TERMINATED') and c.in_force_version is not null then c.in_force_version else c.version end)`,
      'c.created_at desc, c.id desc',
      50,
    )}))::text as data`,
    params: (d) => [d.today],
  },
  {
    name: 'contract by id (supplier)',
    viewer: 'supplier',
    query: 'query($id: ID!) { node(id: $id) { ... on Contract { number title status clauses { heading body } items { unitPrice leadTimeDays part { partNumber } } signatures { party signedAt } } } }',
    draw: (c) => {
      const contract = c.pick(c.contracts);
      return { viewer: c.supplierOf(contract.supplierId), variables: { id: c.gid('Contract', contract.id) }, contract, today: c.today };
    },
    raw: `select json_build_object('node', (select json_build_object('number', c.number, 'title', v.title, 'status', case when c.status = 'ACTIVE' and v.effective_to < $3::date then 'EXPIRED' else c.status::text end,
      'clauses', ${list("json_build_object('heading', k.value->'heading', 'body', k.value->'body')", 'jsonb_array_elements(v.clauses) with ordinality as k(value, position)', 'k.position')},
      'items', ${list(`json_build_object('unitPrice', ${dec('i.unit_price')}, 'leadTimeDays', i.lead_time_days, 'part', (select json_build_object('partNumber', p.part_number) from parts p where p.id = i.part_id))`, 'contract_items i where i.contract_id = c.id and i.version = v.version', 'i.line')},
      'signatures', ${list(`json_build_object('party', g.party, 'signedAt', ${ts('g.signed_at')})`, 'contract_signatures g where g.contract_id = c.id and g.version = v.version', 'g.signed_at, g.party')})
      from contracts c join contract_versions v on v.contract_id = c.id and v.version = (case when c.status in ('ACTIVE', 'TERMINATED') and c.in_force_version is not null then c.in_force_version else c.version end)
      where c.id = $1 and c.supplier_id = $2 and c.offered_at is not null))::text as data`,
    params: (d) => [d.contract.id, d.viewer.org, d.today],
  },
  {
    name: 'quality agreements (supplier)',
    viewer: 'supplier',
    query: 'query { qualityAgreements(first: 20) { nodes { number status aql inspectionLevel parts { partNumber } signatures { party signedBy } } } }',
    draw: (c) => ({ viewer: c.supplier(), variables: {}, today: c.today }),
    raw: `select json_build_object('qualityAgreements', json_build_object('nodes', ${page(
      `json_build_object('number', a.number, 'status', case when a.status = 'ACTIVE' and a.effective_to < $2::date then 'EXPIRED' else a.status::text end, 'aql', a.aql::float8, 'inspectionLevel', a.inspection_level,
        'parts', ${list("json_build_object('partNumber', p.part_number)", 'parts p where exists (select 1 from quality_agreement_parts ap where ap.agreement_id = a.id and ap.part_id = p.id)', 'p.part_number')},
        'signatures', ${list("json_build_object('party', g.party, 'signedBy', g.signed_by_name)", 'quality_agreement_signatures g where g.agreement_id = a.id', 'g.signed_at, g.party')})`,
      `quality_agreements a where a.supplier_id = $1 and a.status <> 'DRAFT'`,
      'a.created_at desc, a.id desc',
      20,
    )}))::text as data`,
    params: (d) => [d.viewer.org, d.today],
  },
  {
    name: 'customer feedback page (customer)',
    viewer: 'customer',
    query: 'query { customerFeedback(first: 50) { nodes { number kind status subject receivedAt resolveBy overdue } } }',
    draw: (c) => ({ viewer: c.customer(), variables: {}, now: new Date().toISOString() }),
    raw: `select json_build_object('customerFeedback', json_build_object('nodes', ${page(
      `json_build_object('number', f.number, 'kind', f.kind, 'status', f.status, 'subject', f.subject, 'receivedAt', ${ts('f.received_at')}, 'resolveBy', ${ts('f.resolve_by')},
        'overdue', (f.status = 'RECEIVED' and f.acknowledge_by < $2::timestamptz) or (f.status in ('RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS') and f.resolve_by < $2::timestamptz))`,
      'customer_feedback f where f.customer_id = $1',
      'f.received_at desc, f.id desc',
      50,
    )}))::text as data`,
    params: (d) => [d.viewer.org, d.now],
  },
  {
    name: 'feedback by id (customer)',
    viewer: 'customer',
    query: 'query($id: ID!) { node(id: $id) { ... on CustomerFeedback { number subject description status acknowledgeBy resolveBy overdue customer { name } } } }',
    draw: (c) => {
      const feedback = c.pick(c.feedback);
      return { viewer: c.customerOf(feedback.customerId), variables: { id: c.gid('CustomerFeedback', feedback.id) }, feedback, now: new Date().toISOString() };
    },
    raw: `select json_build_object('node', (select json_build_object('number', f.number, 'subject', f.subject, 'description', f.description, 'status', f.status, 'acknowledgeBy', ${ts('f.acknowledge_by')}, 'resolveBy', ${ts('f.resolve_by')},
      'overdue', (f.status = 'RECEIVED' and f.acknowledge_by < $3::timestamptz) or (f.status in ('RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS') and f.resolve_by < $3::timestamptz),
      'customer', (select json_build_object('name', u.name) from customers u where u.id = f.customer_id))
      from customer_feedback f where f.id = $1 and f.customer_id = $2))::text as data`,
    params: (d) => [d.feedback.id, d.viewer.org, d.now],
  },
  {
    name: 'suppliers with 12-month scorecards (viewer)',
    viewer: 'viewer',
    query: `query($from: Date!, $to: Date!) { suppliers(first: 50) { nodes { code name grade scorecard(from: $from, to: $to) { onTimeDeliveryRate orderFillRate qualityPpm lotAcceptanceRate nonconformanceCount score grade } } } }`,
    draw: (c) => ({ viewer: c.staff('VIEWER'), variables: { from: c.yearAgo, to: c.today }, today: c.today }),
    raw: `select json_build_object('suppliers', json_build_object('nodes', ${page(
      `json_build_object('code', s.code, 'name', s.name, 'grade', s.grade, 'scorecard', json_build_object(
        'onTimeDeliveryRate', (select sum(case when (d.received_at at time zone 'UTC')::date <= coalesce(ol.confirmed_date, ol.requested_date) then 1 else 0 end)::float8 / nullif(count(*), 0)
          from orders o join deliveries d on d.order_id = o.id join delivery_lines dl on dl.delivery_id = d.id join order_lines ol on ol.id = dl.order_line_id
          where o.supplier_id = s.id and d.status = 'RECEIVED' and (d.received_at at time zone 'UTC')::date between $1::date and $2::date),
        'orderFillRate', (select sum(ol.delivered_quantity)::float8 / nullif(sum(coalesce(ol.confirmed_quantity, ol.quantity)), 0) from orders o join order_lines ol on ol.order_id = o.id
          where o.supplier_id = s.id and o.direction = 'PURCHASE' and o.status not in ('DRAFT', 'CANCELLED', 'REJECTED') and coalesce(ol.confirmed_date, ol.requested_date) between $1::date and least($2::date, $3::date)),
        'qualityPpm', (select sum(case when i.result = 'REJECTED' then i.received_quantity else 0 end)::float8 * 1000000 / nullif(sum(i.received_quantity), 0) from inspections i
          where i.supplier_id = s.id and i.result <> 'PENDING' and (i.inspected_at at time zone 'UTC')::date between $1::date and $2::date),
        'lotAcceptanceRate', (select sum(case when i.result = 'ACCEPTED' then 1 else 0 end)::float8 / nullif(count(*), 0) from inspections i
          where i.supplier_id = s.id and i.result <> 'PENDING' and (i.inspected_at at time zone 'UTC')::date between $1::date and $2::date),
        'nonconformanceCount', (select count(*) from nonconformances n where n.supplier_id = s.id and n.status <> 'CANCELLED' and (n.created_at at time zone 'UTC')::date between $1::date and $2::date)))`,
      'suppliers s',
      's.code, s.id',
      50,
    )}))::text as data`,
    params: (d) => [d.variables.from, d.variables.to, d.today],
    /** Score and grade follow the scorecard rule (src/domain/performance/scorecard.ts), applied by the raw server too. */
    finish: 'scorecards',
  },
  {
    name: 'activity page (supplier)',
    viewer: 'supplier',
    query: 'query { activity(first: 50) { nodes { kind summary occurredAt actor } } }',
    draw: (c) => ({ viewer: c.supplier(), variables: {} }),
    // Below the oldest transaction in flight when the statement's snapshot was taken: every one
    // below it has ended, so the statement sees all their rows (the feed reads a narrower horizon,
    // the oldest activity writer in flight, in its prelude: src/db/queries/activity.ts).
    raw: `select json_build_object('activity', json_build_object('nodes', ${page(
      `json_build_object('kind', a.kind, 'summary', a.summary, 'occurredAt', ${ts('a.occurred_at')}, 'actor', case when a.actor_organization_id is null or a.actor_organization_id = $1 then a.actor_name when a.actor_organization_id = a.supplier_id then 'Supplier' when a.actor_organization_id = a.customer_id then 'Customer' else 'Partner' end)`,
      'activity a where a.supplier_id = $1 and a.partner_visible and a.tx_id < pg_snapshot_xmin(pg_current_snapshot())',
      'a.tx_id, a.id',
      50,
    )}))::text as data`,
    params: (d) => [d.viewer.org],
  },
  {
    name: 'mixed page (buyer)',
    viewer: 'buyer',
    query: 'query { orders(first: 10) { nodes { number status total } } deliveries(first: 10) { nodes { number status } } nonconformances(first: 10) { nodes { number status } } contracts(first: 10) { nodes { number title } } }',
    draw: (c) => ({ viewer: c.staff('BUYER'), variables: {} }),
    raw: `select json_build_object(
      'orders', json_build_object('nodes', ${page(`json_build_object('number', o.number, 'status', o.status, 'total', (select trim_scale(coalesce(sum(l.quantity * l.unit_price), 0)::numeric(30,6))::text from order_lines l where l.order_id = o.id))`, 'orders o', 'o.due_date, o.id', 10)}),
      'deliveries', json_build_object('nodes', ${page("json_build_object('number', d.number, 'status', d.status)", 'deliveries d', 'd.created_at desc, d.id desc', 10)}),
      'nonconformances', json_build_object('nodes', ${page("json_build_object('number', n.number, 'status', n.status)", 'nonconformances n', 'n.created_at desc, n.id desc', 10)}),
      'contracts', json_build_object('nodes', ${page("json_build_object('number', c.number, 'title', v.title)", "contracts c join contract_versions v on v.contract_id = c.id and v.version = (case when c.status in ('ACTIVE', 'TERMINATED') and c.in_force_version is not null then c.in_force_version else c.version end)", 'c.created_at desc, c.id desc', 10)})
    )::text as data`,
    params: () => [],
  },
  {
    name: 'dashboard (viewer)',
    viewer: 'viewer',
    query: '{ dashboard { openPurchaseOrders openSalesOrders lateDeliveries overdueNonconformances overdueFeedback openNonconformancesBySeverity { key count } suppliersByGrade { key count } topSuppliers { supplier { name } openOrderCount onTimeDeliveryRate openNonconformanceCount } } }',
    draw: (c) => ({ viewer: c.staff('VIEWER'), variables: {}, now: new Date().toISOString() }),
    raw: `with ranking as (
        select s.id as supplier_id, s.name, s.code, coalesce(oo.n, 0)::int as open_orders, coalesce(nc.n, 0)::int as open_ncs
        from suppliers s
        left join (select partner_id, sum(orders) as n from order_counts where direction = 'PURCHASE' and status in ${OPEN} group by partner_id) oo on oo.partner_id = s.id
        left join (select supplier_id, count(*) as n from nonconformances where supplier_id is not null and status not in ('CLOSED', 'CANCELLED') group by supplier_id) nc on nc.supplier_id = s.id
        where s.status in ('APPROVED', 'CONDITIONAL', 'SUSPENDED') order by open_orders desc, open_ncs desc, s.code limit 20)
      select json_build_object('dashboard', json_build_object(
        'openPurchaseOrders', (select coalesce(sum(orders), 0)::int from order_counts where direction = 'PURCHASE' and status in ${OPEN}),
        'openSalesOrders', (select coalesce(sum(orders), 0)::int from order_counts where direction = 'SALES' and status in ${OPEN}),
        'lateDeliveries', (select count(*)::int from deliveries where status in ('PLANNED', 'DISPATCHED', 'IN_TRANSIT', 'DELAYED') and estimated_arrival < $1::timestamptz),
        'overdueNonconformances', (select count(*)::int from nonconformances where status not in ('CLOSED', 'CANCELLED') and ((contained_at is null and containment_due_at < $1::timestamptz) or (corrective_action_at is null and corrective_action_due_at < $1::timestamptz))),
        'overdueFeedback', (select count(*)::int from customer_feedback where (status = 'RECEIVED' and acknowledge_by < $1::timestamptz) or (status in ('RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS') and resolve_by < $1::timestamptz)),
        'openNonconformancesBySeverity', (select json_agg(json_build_object('key', k.key, 'count', (select count(*)::int from nonconformances n where n.severity = k.key::severity and n.status not in ('CLOSED', 'CANCELLED'))) order by k.position) from (values ('CRITICAL', 0), ('MAJOR', 1), ('MINOR', 2)) as k(key, position)),
        'suppliersByGrade', (select json_agg(json_build_object('key', k.key, 'count', (select count(*)::int from suppliers s where coalesce(s.grade::text, 'UNGRADED') = k.key and s.status <> 'DISQUALIFIED')) order by k.position) from (values ('A', 0), ('B', 1), ('C', 2), ('D', 3), ('UNGRADED', 4)) as k(key, position)),
        'topSuppliers', (select coalesce(json_agg(json_build_object('supplier', json_build_object('name', r.name), 'openOrderCount', r.open_orders,
          'onTimeDeliveryRate', (select avg(case when (d.received_at at time zone 'UTC')::date <= coalesce(ol.confirmed_date, ol.requested_date) then 1.0 else 0.0 end)::float8
            from orders o join deliveries d on d.order_id = o.id join delivery_lines dl on dl.delivery_id = d.id join order_lines ol on ol.id = dl.order_line_id
            where o.supplier_id = r.supplier_id and o.direction = 'PURCHASE' and d.status = 'RECEIVED' and d.received_at >= $1::timestamptz - interval '365 days'),
          'openNonconformanceCount', r.open_ncs) order by r.open_orders desc, r.open_ncs desc, r.code), '[]'::json) from ranking r)))::text as data`,
    params: (d) => [d.now],
  },
];
