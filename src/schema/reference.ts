import { getNullableType, type GraphQLSchema, isEnumType, isInputObjectType, isInterfaceType, isListType, isObjectType } from 'graphql';

/**
 * The schema's reference text where a declaration carries none: what each type and enum value means
 * in the business, for a portal developer. A declaration's own description always wins; these fill
 * the rest, and the conventions below document what every connection, edge and payload shares.
 * docs/glossary.md gives the Chinese terms.
 */
const types: Record<string, string> = {
  Query: 'Everything a signed-in user may read. Partner users see only their own organisation in every list, count and nested field.',
  Mutation: 'Every change. Expected failures come back in the payload\'s `errors` with nothing written; a role that may not run a mutation gets a FORBIDDEN error.',
  Subscription: 'Live updates over WebSocket (graphql-transport-ws). Each event carries a `cursor`: subscribe again with `after` set to the last one received to resume without loss.',
  Viewer: 'The signed-in user, as the access token names them.',
  Role: 'What a user may do. Staff roles see all company data; SUPPLIER_USER and CUSTOMER_USER see only their organisation.',
  Partner: 'A supplier or a customer organisation.',
  Party: 'A side of an agreement.',
  SortDirection: 'Ascending or descending.',
  UserErrorCode: 'Why a mutation was refused, for programs.',
  Contact: 'A person to contact at a partner.',
  ContactInput: 'A person to contact at a partner; at most one is primary.',
  Certification: 'A certificate a supplier holds (ISO 9001, IATF 16949 …), as recorded by its survey.',
  CertificationInput: 'A certificate the supplier holds.',
  Supplier: 'An organisation the company buys from: its qualification, class, grade, sources, performance and agreements.',
  SupplierStatus: 'Where a supplier stands in qualification.',
  SupplierGrade: 'The result of the latest evaluation, A best.',
  SupplierFilter: 'Narrows a list of suppliers; all given conditions must hold.',
  SupplierOrder: 'How a list of suppliers is sorted.',
  SupplierSortField: 'What suppliers are sorted by.',
  SupplierEvaluation: 'A periodic evaluation of a supplier: scores out of 100 per criterion, the grade they give, and rewards or penalties.',
  SupplierRanking: "A supplier's place in the dashboard's ranking.",
  Customer: 'An organisation the company sells to: its orders, feedback and satisfaction.',
  CustomerFilter: 'Narrows a list of customers.',
  Part: "An item of the company's catalogue, with its importance class and designated sources.",
  PartFilter: 'Narrows a list of parts.',
  SourcedPart: 'A supplier designated to supply a part, with its share of the demand.',
  SourcingStatus: 'How far a designated source is in use.',
  SourcingAdvice: "Internal advice on a part's sourcing, from its class and its sources' grades. Never shown to suppliers.",
  SourcingAction: 'What to do about the sourcing of a part.',
  RelationshipAdvice: 'How to manage the relationship with a supplier, from its importance class and grade.',
  RelationshipType: 'The kind of relationship to keep with a supplier.',
  RewardPenalty: 'A consequence of an evaluation.',
  RewardPenaltyKind: 'A reward or a penalty.',
  Contract: 'An agreement with a partner: reviewed, signed by both parties, amended, and in force from effectiveFrom to effectiveTo.',
  ContractType: 'What a contract governs.',
  ContractStatus: 'Where a contract is in its life.',
  ContractClause: 'A clause of a contract: heading and text.',
  ContractClauseInput: 'A clause of a contract.',
  ContractItem: 'A part a supply contract covers, with its price and terms.',
  ContractItemInput: 'A part a supply contract covers.',
  ContractRevision: 'A version of a contract: the draft, and each amendment.',
  ContractFilter: 'Narrows a list of contracts.',
  ContractAmendment: 'A change to a contract in force.',
  Signature: 'One party signing an agreement.',
  QualityAgreement: "A quality assurance agreement with a supplier: the AQL and inspection level of incoming inspection, the target ppm, response times for nonconformances, and the parts it covers.",
  QualityAgreementFilter: 'Narrows a list of quality agreements.',
  AgreementStatus: 'Where a quality agreement is in its life.',
  Order: 'A purchase order to a supplier or a sales order from a customer (direction), with its lines, change requests and deliveries. Changed under optimistic concurrency: mutations take the `version` read.',
  OrderLine: 'A line of an order: a part, a quantity, a price and the dates asked for and confirmed.',
  OrderLineInput: 'A line of a new order.',
  OrderStatus: 'Where an order is in its life.',
  OrderDirection: 'Who buys from whom.',
  OrderFilter: 'Narrows a list of orders; all given conditions must hold.',
  OrderOrder: 'How a list of orders is sorted.',
  OrderSortField: 'What orders are sorted by.',
  OrderChangeRequest: 'A change to an acknowledged order asked for by one side, with its reason, that the other side accepts or rejects.',
  ChangeRequestStatus: 'Where a change request is.',
  LineChange: 'What a change request changes on one line; absent fields stay as they are.',
  LineChangeInput: 'A change to one line of an order; give at least one of quantity, requested date and unit price.',
  LineConfirmationInput: "The supplier's confirmation of one line when acknowledging an order.",
  OrderChange: 'What happened to an order, in an order update.',
  OrderUpdate: 'An event of an order, as subscribers receive it.',
  Delivery: "An advance shipping notice: what a supplier ships against an order, how and when, and the delivery's progress to receipt.",
  DeliveryLine: 'A line of a delivery: how much of an order line it carries, in which lot.',
  DeliveryLineInput: 'A line of a new delivery.',
  DeliveryEvent: 'A step of a delivery on its way, as the supplier or carrier reports it.',
  DeliveryStatus: 'Where a delivery is.',
  DeliveryFilter: 'Narrows a list of deliveries.',
  DeliveryUpdate: 'An event of a delivery, as subscribers receive it.',
  ReceivedLineInput: 'What arrived of one delivery line.',
  Inspection: 'Incoming inspection of a received lot by an ISO 2859-1 sampling plan: the plan used, the defects found and the result.',
  InspectionResult: 'The outcome of an inspection.',
  InspectionSeverity: 'ISO 2859-1 inspection severity: the switching rules move a supplier\'s part between them.',
  InspectionLevel: 'ISO 2859-1 inspection level: general levels I, II (usual) and III, special levels S-1 to S-4 for small samples.',
  Nonconformance: 'A nonconforming part or lot, worked through containment, root cause, corrective action and verification, with the supplier answering its part.',
  NonconformanceStatus: 'Where a nonconformance is in the contain -> root cause -> corrective action -> verify workflow.',
  NonconformanceSource: 'Where a nonconformance was found.',
  NonconformanceFilter: 'Narrows a list of nonconformances.',
  NonconformanceHistoryEntry: 'A step of a nonconformance: who moved it from which status to which, and why.',
  NonconformanceChange: 'What happened to a nonconformance, in a nonconformance update.',
  NonconformanceUpdate: 'An event of a nonconformance, as subscribers receive it.',
  Disposition: 'What is done with nonconforming parts.',
  Severity: 'How serious a nonconformance or a complaint is.',
  CustomerFeedback: 'What a customer tells the company (complaint, suggestion, praise, inquiry), with its service deadlines and its resolution. Customers see their own; suppliers never.',
  FeedbackKind: 'The kind of customer feedback.',
  FeedbackStatus: 'Where customer feedback is.',
  FeedbackFilter: 'Narrows a list of customer feedback.',
  SatisfactionSurvey: "A customer's satisfaction over a period: scores per dimension and overall.",
  SatisfactionScore: 'A score of one dimension, 1 to 5.',
  SatisfactionScoreInput: 'A score of one dimension, 1 to 5.',
  CountByKey: 'A count of records per value, for the dashboard.',
  ContractActionInput: 'Names a contract for a step of its workflow (submit, approve, sign, terminate), with the version read.',
  FeedbackActionInput: 'Names customer feedback for a step of its workflow, with what that step records.',
  OrderActionInput: 'Names an order for a step of its life (issue, cancel, close), with the version read.',
  QualityAgreementActionInput: 'Names a quality agreement for a step of its workflow, with the version read.',
};

const enumValues: Record<string, Record<string, string>> = {
  AgreementStatus: { DRAFT: 'Being written; not in force.', AWAITING_SIGNATURE: 'Approved; waiting for both parties to sign.', ACTIVE: 'Signed by both parties and in force.', EXPIRED: 'Past its effectiveTo.', SUPERSEDED: 'Replaced by a newer agreement for the same supplier.' },
  ChangeRequestStatus: { PENDING: 'Waiting for the other side to decide.', ACCEPTED: 'Accepted: the order carries the change.', REJECTED: 'Rejected by the other side: the order is unchanged.', WITHDRAWN: 'Withdrawn by the side that asked.' },
  ContractStatus: { DRAFT: 'Being written.', IN_REVIEW: 'Submitted for internal review.', AWAITING_SIGNATURE: 'Approved; waiting for the signatures of both parties.', ACTIVE: 'Signed by both parties and in force.', EXPIRED: 'Past its effectiveTo.', TERMINATED: 'Ended before its term.' },
  ContractType: { SUPPLY: 'Supply contract: parts, prices, lead times and minimum quantities.', QUALITY_ASSURANCE: 'Quality assurance contract.', TECHNICAL: 'Technical agreement: specifications and drawings.', AFTER_SALES: 'After-sales service, warranty and returns.', SALES: 'Sales contract with a customer.' },
  DeliveryStatus: { PLANNED: 'Announced; not shipped yet.', DISPATCHED: 'Left the supplier.', IN_TRANSIT: 'On its way.', DELAYED: 'Late; estimatedArrival says when it is now expected.', ARRIVED: 'At the receiving dock; not counted yet.', RECEIVED: 'Counted into stock; its lots go to incoming inspection.', CANCELLED: 'Will not be delivered.' },
  Disposition: { USE_AS_IS: 'Used as it is, by concession.', REWORK: 'Reworked to conform.', RETURN_TO_SUPPLIER: 'Sent back to the supplier.', SCRAP: 'Scrapped.' },
  FeedbackKind: { COMPLAINT: 'A complaint about a product or service; may be traced to a nonconformance.', SUGGESTION: 'A suggestion for improvement.', PRAISE: 'Praise.', INQUIRY: 'A question.' },
  FeedbackStatus: { RECEIVED: 'Recorded; not acknowledged yet.', ACKNOWLEDGED: 'Acknowledged to the customer.', IN_PROGRESS: 'Being worked on.', RESOLVED: 'Resolved; the customer may close it or reopen it within 14 days.', CLOSED: 'Closed, with the customer\'s rating if given.' },
  ImportanceClass: { I: 'Class I: key parts, affecting safety or main functions.', II: 'Class II: important parts.', III: 'Class III: general parts.' },
  InspectionLevel: { I: 'General level I: smaller samples.', II: 'General level II: the usual level.', III: 'General level III: larger samples.', S1: 'Special level S-1.', S2: 'Special level S-2.', S3: 'Special level S-3.', S4: 'Special level S-4.' },
  InspectionResult: { PENDING: 'Not inspected yet.', ACCEPTED: 'The lot is accepted.', REJECTED: 'The lot is rejected; a nonconformance is opened.' },
  InspectionSeverity: { NORMAL: 'Normal inspection (Table 2-A).', TIGHTENED: 'Tightened inspection (Table 2-B), after lots were not accepted.', REDUCED: 'Reduced inspection (Table 2-C), after a record of accepted lots, when quality staff allow it.' },
  NonconformanceChange: { REPORTED: 'Reported.', STATUS_CHANGED: 'Moved to another status.', RESPONSE_SUBMITTED: 'The supplier submitted its response (root cause, actions).' },
  NonconformanceSource: { INCOMING_INSPECTION: 'Found at incoming inspection.', IN_PROCESS: 'Found in production.', FINAL_INSPECTION: 'Found at final inspection.', CUSTOMER_COMPLAINT: 'Raised by a customer complaint.', SUPPLIER_AUDIT: 'Found at a supplier audit.' },
  NonconformanceStatus: { OPEN: 'Reported; containment is due.', CONTAINED: 'Contained: stock sorted or held.', ROOT_CAUSE_IDENTIFIED: 'Its root cause is known.', CORRECTIVE_ACTION: 'The corrective action is being carried out.', VERIFICATION: 'The action is being verified.', CLOSED: 'Verified and closed.', CANCELLED: 'Cancelled: not a nonconformance after all.' },
  OrderChange: { ISSUED: 'Issued to the partner.', ACKNOWLEDGED: 'Acknowledged by the partner.', REJECTED: 'Rejected by the partner.', CHANGE_REQUESTED: 'A change was asked for.', CHANGE_ACCEPTED: 'A change was accepted.', CHANGE_REJECTED: 'A change was rejected.', CHANGE_WITHDRAWN: 'A change was withdrawn.', DELIVERY_RECEIVED: 'A delivery against it was received.', CANCELLED: 'Cancelled.', CLOSED: 'Closed.' },
  OrderSortField: { CREATED_AT: 'When the order was created.', DUE_DATE: 'The due date (`dueDate`).', NUMBER: 'The order number.' },
  OrderStatus: { DRAFT: 'Being prepared; the partner does not see it.', ISSUED: 'Sent to the partner; waiting for acknowledgement.', ACKNOWLEDGED: 'Accepted by the partner, with confirmed dates.', REJECTED: 'Declined by the partner.', PARTIALLY_DELIVERED: 'Some of it received.', DELIVERED: 'All of it received.', CLOSED: 'Closed.', CANCELLED: 'Cancelled.' },
  Party: { COMPANY: 'The company (the manufacturer running this server).', PARTNER: 'The supplier or customer.' },
  RelationshipType: { STRATEGIC_PARTNERSHIP: 'Strategic partnership: long-term agreements, shared forecasts, joint development.', PREFERRED: 'Preferred supplier: more business, regular reviews.', TRANSACTIONAL: 'Transactional: buy on price and terms.', DEVELOPMENT: 'Develop the supplier: improvement plans and audits.', PHASE_OUT: 'Phase the supplier out.' },
  Responsibility: { SUPPLIER: 'The supplier.', INTERNAL: 'The company itself.', DESIGN: 'The design.', LOGISTICS: 'Transport or handling.', UNDETERMINED: 'Not known yet.' },
  RewardPenaltyKind: { REWARD: 'A reward.', PENALTY: 'A penalty.' },
  Role: { ADMIN: 'Administers everything.', BUYER: 'Purchasing: suppliers, orders, contracts.', QUALITY_ENGINEER: 'Quality: inspections, nonconformances, quality agreements.', SALES: 'Sales: customers, sales orders, customer feedback.', VIEWER: 'Reads company data; changes nothing.', SUPPLIER_USER: "A supplier's user: its own organisation's records only.", CUSTOMER_USER: "A customer's user: its own organisation's records only." },
  Severity: { MINOR: 'Minor.', MAJOR: 'Major.', CRITICAL: 'Critical: safety or a stopped line.' },
  SortDirection: { ASC: 'Ascending.', DESC: 'Descending.' },
  SourcingAction: { KEEP: 'Keep the sources as they are.', DEVELOP_SECOND_SOURCE: 'Develop a second source.', SEEK_NEW_SUPPLIER: 'Look for a supplier: none is designated.', IMPROVE_SUPPLIERS: 'Improve the designated suppliers.', REPLACE_SUPPLIERS: 'Replace the designated suppliers.' },
  SourcingStatus: { TRIAL: 'On trial.', APPROVED: 'Approved to supply.', PHASING_OUT: 'Being phased out.' },
  SupplierGrade: { A: 'A: excellent (90 and above).', B: 'B: good (80 to 89).', C: 'C: acceptable (60 to 79).', D: 'D: unacceptable (below 60).' },
  SupplierSortField: { CODE: 'Supplier code.', NAME: 'Name.', GRADE: 'Grade.', CREATED_AT: 'When the supplier was created.' },
  SupplierStatus: { CANDIDATE: 'Being qualified; may not supply yet.', APPROVED: 'Approved to supply.', CONDITIONAL: 'Approved on conditions, to be met by a date.', SUSPENDED: 'Temporarily not to be ordered from.', DISQUALIFIED: 'No longer a supplier.' },
  UserErrorCode: { INVALID: 'An input is invalid; `field` names it.', NOT_FOUND: 'A record named by the input does not exist or is not visible to you.', DUPLICATE: 'A record with this business key exists already.', INVALID_STATE_TRANSITION: 'The record is not in a state that allows this.', VERSION_CONFLICT: 'The record changed since you read it (expectedVersion): read it again.', LIMIT_EXCEEDED: 'A limit would be exceeded.' },
};

/** Fields and input fields whose meaning is the same wherever they appear. */
const sharedFields: Record<string, string> = {
  createdAt: 'When the record was created.',
  updatedAt: 'When the record last changed.',
  version: 'Changes with every write; send it back as `expectedVersion` to change the record.',
  expectedVersion: 'The `version` you read: the change is refused with VERSION_CONFLICT if the record changed since.',
  idempotencyKey: 'Your key for this request: retrying with the same key returns the first result instead of doing it twice.',
  cursor: 'Position of this event in the activity feed: resume a subscription with `after` set to it.',
  occurredAt: 'When it happened.',
  number: 'The business number people quote, e.g. on paper and in e-mails.',
};

/** Fields of the records partners work on, by `Type.field`. */
const fields: Record<string, string> = {
  'Supplier.code': 'The supplier code, unique, as purchasing quotes it (e.g. SZM-001).',
  'Supplier.name': 'Registered name.',
  'Supplier.country': 'Country, ISO 3166-1 alpha-2 (CN, DE …).',
  'Supplier.contacts': 'People to contact, the primary one first.',
  'Supplier.status': 'Where the supplier stands in qualification.',
  'Supplier.latestSurvey': 'The most recent supplier survey; null before the first.',
  'Supplier.sourcedParts': 'The parts this supplier is designated for, with its share of each. A supplier user sees only its own designations.',
  'Supplier.contracts': 'Contracts with this supplier.',
  'Supplier.orders': 'Purchase orders to this supplier.',
  'Supplier.nonconformances': "Nonconformances of this supplier's parts.",
  'Supplier.evaluations': 'Evaluations of this supplier, newest first.',
  'Supplier.qualityAgreements': 'Quality assurance agreements with this supplier.',
  'Customer.code': 'The customer code, unique.',
  'Customer.name': 'Registered name.',
  'Customer.country': 'Country, ISO 3166-1 alpha-2.',
  'Customer.contacts': 'People to contact, the primary one first.',
  'Customer.industry': 'The industry the customer is in, as sales records it.',
  'Customer.orders': 'Sales orders from this customer.',
  'Part.partNumber': 'The part number, unique in the catalogue.',
  'Part.description': 'What the part is.',
  'Part.unit': 'Unit of measure of quantities (pcs, kg, m …).',
  'Part.importanceClass': 'How critical the part is: it sets how its suppliers are sourced and inspected.',
  'Part.revision': 'Drawing or specification revision in force.',
  'Contract.title': 'Title of the contract.',
  'Contract.type': 'What the contract governs.',
  'Contract.partner': 'The supplier or customer the contract is with.',
  'Contract.effectiveFrom': 'First day in force.',
  'Contract.effectiveTo': 'Last day in force; null for an open-ended contract.',
  'Contract.currency': 'Currency of its prices, ISO 4217 (CNY, EUR …).',
  'Contract.paymentTermDays': 'Days from invoice to payment.',
  'Contract.clauses': 'Its clauses, in order.',
  'Contract.items': 'The parts a supply contract covers, with prices and terms.',
  'Contract.signatures': 'Who signed for each party, and when.',
  'Contract.revisions': 'Its versions: the draft and every amendment, oldest first.',
  'Order.direction': 'PURCHASE (to a supplier) or SALES (from a customer).',
  'Order.status': 'Where the order is in its life.',
  'Order.partner': 'The supplier (purchase) or customer (sales).',
  'Order.contract': 'The contract the order is placed under, if any.',
  'Order.currency': 'Currency of its prices, ISO 4217.',
  'Order.lines': 'Its lines, by line number.',
  'Order.issuedAt': 'When it was sent to the partner; null while a draft.',
  'Order.acknowledgedAt': 'When the partner acknowledged it.',
  'Order.changeRequests': 'Changes asked for by either side, newest first.',
  'Order.deliveries': 'Deliveries (advance shipping notices) against it.',
  'OrderLine.id': 'Id of the line: change requests and deliveries name lines by it.',
  'DeliveryEvent.id': 'Id of the event.',
  'OrderLine.lineNumber': 'Position in the order, from 1.',
  'OrderLine.part': 'The part ordered.',
  'OrderLine.quantity': 'Quantity ordered, in the part\'s unit.',
  'OrderLine.unitPrice': 'Price per unit, in the order\'s currency.',
  'OrderLine.requestedDate': 'The date the buyer asks for.',
  'OrderLine.confirmedQuantity': 'Quantity the supplier confirmed on acknowledgement.',
  'OrderLine.confirmedDate': 'The date the supplier confirmed; on-time delivery is measured against it.',
  'OrderLine.deliveredQuantity': 'Quantity received so far.',
  'OrderLine.acceptedQuantity': 'Quantity received and accepted by incoming inspection.',
  'Delivery.order': 'The order it delivers against.',
  'Delivery.status': 'Where the delivery is.',
  'Delivery.carrier': 'Who carries it.',
  'Delivery.trackingNumber': "The carrier's tracking number.",
  'Delivery.shippedAt': 'When it left the supplier.',
  'Delivery.estimatedArrival': 'When it is expected, as last reported.',
  'Delivery.arrivedAt': 'When it arrived.',
  'Delivery.receivedAt': 'When it was counted into stock.',
  'Delivery.lines': 'What it carries, per order line and lot.',
  'Delivery.events': 'Its status events, oldest first.',
  'DeliveryLine.orderLine': 'The order line it delivers.',
  'DeliveryLine.quantity': 'Quantity shipped.',
  'DeliveryLine.lotNumber': "The supplier's lot number, for traceability.",
  'DeliveryLine.receivedQuantity': 'Quantity counted at receipt; null before.',
  'DeliveryEvent.status': 'The status the delivery moved to.',
  'DeliveryEvent.location': 'Where it was reported from.',
  'DeliveryEvent.note': 'What the reporter added.',
  'DeliveryEvent.estimatedArrival': 'The new expected arrival (with DELAYED).',
  'QualityAgreement.supplier': 'The supplier it binds.',
  'QualityAgreement.status': 'Where the agreement is in its life.',
  'QualityAgreement.effectiveFrom': 'First day in force.',
  'QualityAgreement.effectiveTo': 'Last day in force; null for open-ended.',
  'QualityAgreement.inspectionLevel': 'ISO 2859-1 inspection level of incoming inspection.',
  'QualityAgreement.targetPpm': 'The quality target, in nonconforming parts per million.',
  'QualityAgreement.signatures': 'Who signed for each party, and when.',
  'Inspection.delivery': 'The delivery the lot came with.',
  'Inspection.part': 'The part inspected.',
  'Inspection.lotNumber': "The supplier's lot number.",
  'Inspection.lotSize': 'Units in the lot.',
  'Inspection.plan': 'The sampling plan used, as recorded when the lot was inspected.',
  'Inspection.defectsFound': 'Nonconforming units found in the sample.',
  'Inspection.result': 'Accepted, rejected, or not inspected yet.',
  'Inspection.inspectedBy': 'Who inspected it.',
  'Inspection.inspectedAt': 'When it was inspected.',
  'Nonconformance.source': 'Where it was found.',
  'Nonconformance.status': 'Where it is in the workflow.',
  'Nonconformance.severity': 'How serious it is.',
  'Nonconformance.part': 'The part affected.',
  'Nonconformance.supplier': 'The supplier of the part, if a supplier is concerned.',
  'Nonconformance.customer': 'The customer whose complaint raised it (staff only).',
  'Nonconformance.order': 'The order concerned, if any.',
  'Nonconformance.delivery': 'The delivery concerned, if any.',
  'Nonconformance.quantityAffected': 'How many units are affected.',
  'Nonconformance.description': 'What is wrong.',
  'Nonconformance.disposition': 'What is done with the affected parts.',
  'Nonconformance.responsibility': 'Who is responsible.',
  'Nonconformance.rootCause': 'Why it happened.',
  'Nonconformance.correctiveAction': 'What removes the cause.',
  'Nonconformance.preventiveAction': 'What keeps it from happening elsewhere.',
  'Nonconformance.verification': 'How the action was shown to work.',
  'Nonconformance.containmentDueAt': 'When containment is due, from the quality agreement.',
  'Nonconformance.correctiveActionDueAt': 'When the corrective action is due, from the quality agreement.',
  'Nonconformance.history': 'Its steps, oldest first.',
  'Nonconformance.inspection': 'The inspection that found it, if any.',
  'CustomerFeedback.customer': 'The customer it is from.',
  'CustomerFeedback.kind': 'Complaint, suggestion, praise or inquiry.',
  'CustomerFeedback.channel': 'How it reached us (portal, e-mail, phone …).',
  'CustomerFeedback.subject': 'Its subject, in a line.',
  'CustomerFeedback.description': 'What the customer says.',
  'CustomerFeedback.severity': 'How serious a complaint is; sets its deadlines.',
  'CustomerFeedback.status': 'Where it is.',
  'CustomerFeedback.receivedAt': 'When it was received; the deadlines count from here.',
  'CustomerFeedback.acknowledgedAt': 'When it was acknowledged.',
  'CustomerFeedback.resolveBy': 'When it must be resolved, by the service standard, in business days of the company calendar.',
  'CustomerFeedback.resolvedAt': 'When it was resolved.',
  'CustomerFeedback.resolution': 'The answer the customer is given.',
  'CustomerFeedback.nonconformance': 'The nonconformance a complaint was traced to (staff).',
  'CustomerFeedback.overdue': 'A deadline passed with what it asks for not done.',
};

/** Arguments, by `Type.field(argument)` or, for the same meaning everywhere, by name. */
const argumentsAt: Record<string, string> = {
  'Query.node(id)': 'The global id of any record.',
  'Query.nodes(ids)': 'Global ids of any records, at most 100; the answer keeps their order, with null for an id that names nothing you may see.',
  'Query.activity(after)': 'A cursor from an earlier page or event: only what was recorded after it.',
  'Query.activity(first)': 'How many entries, at most 100; 20 by default.',
  'Query.activity(subjectId)': 'Only the activity of this record (its global id).',
  'Query.samplingPlan(aql)': 'Acceptance quality limit, a value of the ISO 2859-1 series (0.010 to 1000), e.g. 0.65, 1.0, 2.5.',
  'Query.samplingPlan(inspectionLevel)': 'Inspection level; II unless the quality agreement says otherwise.',
  'Query.samplingPlan(lotSize)': 'Units in the lot.',
  'Query.samplingPlan(severity)': 'Normal, tightened or reduced inspection.',
  'Dashboard.topSuppliers(first)': 'How many suppliers, at most 100.',
  'Dashboard.contractsExpiringWithin(days)': 'How many days ahead to look, today included.',
  'Supplier.scorecard(from)': 'First day of the period, in the company calendar.',
  'Supplier.scorecard(to)': 'Last day of the period, included.',
  'Subscription.deliveryUpdated(deliveryId)': 'Only this delivery.',
  'Subscription.deliveryUpdated(orderId)': 'Only the deliveries of this order.',
  'Subscription.orderUpdated(orderId)': 'Only this order.',
  'Subscription.nonconformanceUpdated(supplierId)': "Only this supplier's nonconformances (staff).",
  'Subscription.nonconformanceUpdated(customerId)': "Only the nonconformances raised for this customer's complaints (staff).",
};
const argumentsNamed: Record<string, string> = {
  input: 'What the mutation needs; see the input type.',
  filter: 'Only the records that meet every condition given.',
  orderBy: 'Sort order; records that tie are ordered by id, so that pages never overlap or skip.',
  after: 'Resume after this cursor: the events recorded since are replayed first, then live ones follow, none missed and none twice.',
};

/** Ids in inputs: which record each names. */
const ids: Record<string, string> = { supplierId: 'supplier', customerId: 'customer', partId: 'part', orderId: 'order', partnerId: 'supplier or customer', deliveryId: 'delivery', contractId: 'contract', orderLineId: 'order line', lineId: 'order line', inspectionId: 'inspection' };

/** What an input field of a filter means, or of any other input, when its name says it all. */
function inputFieldText(typeName: string, fieldName: string, list: boolean): string | undefined {
  const record = ids[fieldName];
  if (typeName.endsWith('Filter')) {
    if (record !== undefined) return `Only records of this ${record} (its global id).`;
    if (fieldName === 'overdue') return 'true: only those past a deadline; false: only those not.';
    if (['status', 'direction', 'kind', 'severity', 'importanceClass', 'type', 'source', 'grade'].includes(fieldName)) return list ? 'Only records with one of these values.' : 'Only records with this value.';
    return undefined;
  }
  if (fieldName === 'id') return 'Global id of the record to act on.';
  if (fieldName === 'note') return 'A note kept with this step in the activity log.';
  if (record !== undefined) return `The ${record} (its global id).`;
  return undefined;
}

/** The record an input builds or changes: CreateOrderInput and OrderLineInput -> Order, OrderLine. */
function recordOf(schema: GraphQLSchema, inputName: string) {
  const base = inputName.replace(/Input$/, '');
  for (const candidate of [base, base.replace(/^(Create|Update|Record|Report|Amend|Designate|Evaluate)/, '')]) {
    const type = schema.getType(candidate);
    if (type !== undefined && (isObjectType(type) || isInterfaceType(type))) return type;
  }
  return undefined;
}

const capitalised = (s: string) => `${s[0]!.toLowerCase()}${s.slice(1)}`;

/** Fills missing descriptions from the text above and the conventions; a declaration's own text wins. */
export function describeSchema(schema: GraphQLSchema): void {
  const node = schema.getType('Node');
  const nodeId = node !== undefined && isInterfaceType(node) ? (node.getFields().id?.description ?? undefined) : undefined;
  const mutations = schema.getMutationType()?.getFields() ?? {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    const input = /^(.+)Input$/.exec(type.name);
    const mutation = input === null ? undefined : mutations[capitalised(input[1]!)];
    if (!type.description && mutation !== undefined) type.description = `What \`${mutation.name}\` takes.${mutation.description ? ` ${mutation.description}` : ''}`;
    if (!type.description) {
      const connection = /^(.+)Connection$/.exec(type.name);
      const edge = /^(.+)Edge$/.exec(type.name);
      const payload = /^(.+)Payload$/.exec(type.name);
      type.description =
        types[type.name] ??
        (connection ? `A page of ${capitalised(connection[1]!)} records (Relay cursor connection).` : edge ? `A ${capitalised(edge[1]!)} record with its cursor.` : payload ? `What a mutation on a ${capitalised(payload[1]!)} answers: the record as written, or the errors that refused it.` : undefined);
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (!value.description) value.description = enumValues[type.name]?.[value.name];
      }
    }
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        field.description ??= fields[`${type.name}.${field.name}`] ?? sharedFields[field.name] ?? (field.name === 'id' && isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node') ? nodeId : undefined);
        if (!('args' in field)) continue;
        for (const argument of field.args) {
          argument.description ??= argumentsAt[`${type.name}.${field.name}(${argument.name})`] ?? argumentsNamed[argument.name];
        }
      }
    }
  }
  // Inputs last: an input field means what the same field of the record it builds means.
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isInputObjectType(type)) continue;
    const record = recordOf(schema, type.name);
    for (const field of Object.values(type.getFields())) {
      field.description ??= record?.getFields()[field.name]?.description ?? inputFieldText(type.name, field.name, isListType(getNullableType(field.type)));
    }
  }
}
