import type { NonEmptyArray } from 'type-graphql';
import { ActivityResolver, CustomerTimelineResolver } from './activity.js';
import { BulkExportResolver } from './exports.js';
import { DashboardInvoicesResolver, InvoiceLineResolver, InvoiceResolver } from './invoices.js';
import { ChangeRequestPayloadWarningsResolver, DashboardCapacityResolver, OrderPayloadWarningsResolver, SupplierCapabilityResolver, SupplyCapabilityResolver, SurveyCapabilityResolver } from './capability.js';
import { CertificateResolver, DashboardCertificatesResolver, SupplierCertificatesResolver } from './certificates.js';
import { DeliveryDocumentsResolver, FileResolver, filesResolvers, SupplierSurveyFilesResolver } from './files.js';
import { WebhookDeliveryResolver, WebhookEndpointResolver } from './webhooks.js';
import { ContractItemResolver, ContractResolver } from './contracts.js';
import { DashboardResolver } from './dashboard.js';
import { DeliveryEventResolver, DeliveryLineResolver, DeliveryResolver } from './deliveries.js';
import { NodeResolver, ViewerResolver } from './node.js';
import { NonconformanceResolver } from './nonconformances.js';
import { InspectionResolver } from './inspections.js';
import { CustomerFeedbackResolver } from './feedback.js';
import { SatisfactionSurveyResolver } from './satisfaction.js';
import { InspectionStateResolver, SupplierInspectionResolver } from './switching.js';
import { SupplierEvaluationResolver } from './evaluations.js';
import { LineChangeResolver, OrderChangeRequestResolver, OrderLineResolver, OrderResolver } from './orders.js';
import { QualityAgreementResolver } from './quality.js';
import { CustomerResolver, PartResolver, SourcedPartResolver, SupplierResolver } from './partners.js';

export const resolvers: NonEmptyArray<Function> = [
  NodeResolver,
  ViewerResolver,
  SupplierResolver,
  CustomerResolver,
  PartResolver,
  SourcedPartResolver,
  ContractResolver,
  ContractItemResolver,
  QualityAgreementResolver,
  ActivityResolver,
  CustomerTimelineResolver,
  WebhookEndpointResolver,
  WebhookDeliveryResolver,
  BulkExportResolver,
  InvoiceResolver,
  InvoiceLineResolver,
  DashboardInvoicesResolver,
  SupplyCapabilityResolver,
  SupplierCapabilityResolver,
  SurveyCapabilityResolver,
  DashboardCapacityResolver,
  OrderPayloadWarningsResolver,
  ChangeRequestPayloadWarningsResolver,
  CertificateResolver,
  SupplierCertificatesResolver,
  DashboardCertificatesResolver,
  FileResolver,
  ...filesResolvers,
  DeliveryDocumentsResolver,
  SupplierSurveyFilesResolver,
  DashboardResolver,
  OrderResolver,
  OrderLineResolver,
  OrderChangeRequestResolver,
  LineChangeResolver,
  DeliveryResolver,
  DeliveryLineResolver,
  DeliveryEventResolver,
  NonconformanceResolver,
  InspectionResolver,
  SupplierEvaluationResolver,
  CustomerFeedbackResolver,
  SatisfactionSurveyResolver,
  InspectionStateResolver,
  SupplierInspectionResolver,
];
