import type { Role } from './viewer.js';

/**
 * Which roles may run each operation. Reads are open to every signed-in user and scoped to what
 * they may see (src/db/scope.ts); writes are listed here, one line per mutation.
 */
export const permissions = {
  createSupplier: ['ADMIN', 'BUYER'],
  // Certificates: staff who keep supplier records, or the supplier's own users (for their organisation).
  recordCertificate: ['ADMIN', 'BUYER', 'QUALITY_ENGINEER', 'SUPPLIER_USER'],
  renewCertificate: ['ADMIN', 'BUYER', 'QUALITY_ENGINEER', 'SUPPLIER_USER'],
  // Invoices: the order's supplier submits; staff who buy approve, dispute and pay.
  submitInvoice: ['SUPPLIER_USER'],
  approveInvoice: ['ADMIN', 'BUYER'],
  disputeInvoice: ['ADMIN', 'BUYER'],
  recordInvoicePayment: ['ADMIN', 'BUYER'],
  // Supply capability: kept by the supplier's own users, reviewed by staff.
  updateSupplyCapability: ['SUPPLIER_USER'],
  reviewSupplyCapability: ['ADMIN', 'BUYER', 'QUALITY_ENGINEER'],
  // Webhooks: ADMIN for the company's endpoints, a partner's users for their organisation's.
  registerWebhookEndpoint: ['ADMIN', 'SUPPLIER_USER', 'CUSTOMER_USER'],
  setWebhookEndpointActive: ['ADMIN', 'SUPPLIER_USER', 'CUSTOMER_USER'],
  redeliverWebhook: ['ADMIN', 'SUPPLIER_USER', 'CUSTOMER_USER'],
  redeliverWebhooksSince: ['ADMIN', 'SUPPLIER_USER', 'CUSTOMER_USER'],
  // A supplier user maintains its own organisation's name, country and contacts.
  updateSupplier: ['ADMIN', 'BUYER', 'SUPPLIER_USER'],
  recordSupplierSurvey: ['ADMIN', 'BUYER', 'QUALITY_ENGINEER'],
  setSupplierStatus: ['ADMIN', 'BUYER', 'QUALITY_ENGINEER'],
  createCustomer: ['ADMIN', 'SALES'],
  createPart: ['ADMIN', 'BUYER', 'QUALITY_ENGINEER'],
  designateSource: ['ADMIN', 'BUYER', 'QUALITY_ENGINEER'],
  // Contracts: the owning department (BUYER, or SALES for sales contracts) drafts, amends, submits,
  // signs and terminates; the use case checks the contract type. Approval is by ADMIN or a second user.
  createContract: ['ADMIN', 'BUYER', 'SALES'],
  amendContract: ['ADMIN', 'BUYER', 'SALES'],
  submitContractForReview: ['ADMIN', 'BUYER', 'SALES'],
  approveContract: ['ADMIN', 'BUYER', 'SALES', 'QUALITY_ENGINEER'],
  signContract: ['BUYER', 'SALES', 'SUPPLIER_USER', 'CUSTOMER_USER'],
  terminateContract: ['ADMIN', 'BUYER', 'SALES'],
  createQualityAgreement: ['ADMIN', 'QUALITY_ENGINEER'],
  signQualityAgreement: ['ADMIN', 'QUALITY_ENGINEER', 'SUPPLIER_USER'],
  // Orders: BUYER staff place purchase orders, SALES staff sales orders (the use case checks which);
  // the partner acknowledges or rejects; either side asks for changes, the other answers.
  createOrder: ['ADMIN', 'BUYER', 'SALES'],
  issueOrder: ['ADMIN', 'BUYER', 'SALES'],
  cancelOrder: ['ADMIN', 'BUYER', 'SALES'],
  closeOrder: ['ADMIN', 'BUYER', 'SALES'],
  acknowledgeOrder: ['SUPPLIER_USER', 'CUSTOMER_USER'],
  rejectOrder: ['SUPPLIER_USER', 'CUSTOMER_USER'],
  requestOrderChange: ['ADMIN', 'BUYER', 'SALES', 'SUPPLIER_USER', 'CUSTOMER_USER'],
  respondToOrderChange: ['ADMIN', 'BUYER', 'SALES', 'SUPPLIER_USER', 'CUSTOMER_USER'],
  withdrawOrderChange: ['ADMIN', 'BUYER', 'SALES', 'SUPPLIER_USER', 'CUSTOMER_USER'],
  // Deliveries: the shipping side announces them and records events; staff book receipts.
  createDelivery: ['ADMIN', 'BUYER', 'SALES', 'SUPPLIER_USER'],
  recordDeliveryEvent: ['ADMIN', 'BUYER', 'SALES', 'SUPPLIER_USER'],
  receiveDelivery: ['ADMIN', 'BUYER', 'QUALITY_ENGINEER', 'SALES'],
  // Nonconformances: staff report them; the responsible supplier responds and takes the first
  // steps; quality engineers verify, close, cancel and reopen (the use case checks which step).
  reportNonconformance: ['ADMIN', 'QUALITY_ENGINEER', 'BUYER', 'SALES'],
  respondToNonconformance: ['ADMIN', 'QUALITY_ENGINEER', 'SUPPLIER_USER'],
  transitionNonconformance: ['ADMIN', 'QUALITY_ENGINEER', 'SUPPLIER_USER'],
  recordInspectionResult: ['ADMIN', 'QUALITY_ENGINEER'],
  // ISO 2859-1 switching: quality staff allow reduced inspection and reinstate a discontinued one.
  allowReducedInspection: ['ADMIN', 'QUALITY_ENGINEER'],
  reinstateInspection: ['ADMIN', 'QUALITY_ENGINEER'],
  evaluateSupplier: ['ADMIN', 'BUYER', 'QUALITY_ENGINEER'],
  // Customer feedback: the customer records its own, sales staff any customer's; sales and quality
  // staff handle it; the customer, or sales staff for it, closes or reopens it (the use case checks).
  recordFeedback: ['ADMIN', 'SALES', 'CUSTOMER_USER'],
  handleFeedback: ['ADMIN', 'SALES', 'QUALITY_ENGINEER'],
  closeFeedback: ['ADMIN', 'SALES', 'CUSTOMER_USER'],
  recordSatisfactionSurvey: ['ADMIN', 'SALES', 'CUSTOMER_USER'],
  /** Company-wide figures. */
  viewDashboard: ['ADMIN', 'BUYER', 'QUALITY_ENGINEER', 'SALES', 'VIEWER'],
  /** How the company manages a supplier (partnership, development, phase-out) is internal. */
  viewRelationshipAdvice: ['ADMIN', 'BUYER', 'QUALITY_ENGINEER', 'SALES', 'VIEWER'],
  /** Sourcing strategy is internal: partners never see how many sources a part has. */
  viewSourcingAdvice: ['ADMIN', 'BUYER', 'QUALITY_ENGINEER', 'SALES', 'VIEWER'],
} as const satisfies Record<string, readonly Role[]>;
