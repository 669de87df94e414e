import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { permissions } from '../auth/permissions.js';
import type { Context } from '../context.js';
import { listCustomers, listParts, listSuppliers, type SourceRow } from '../db/queries/partners.js';
import type { CustomerRow, PartRow, SupplierRow } from '../db/schema/index.js';
import { adviseSourcing, type SourcingAdvice as Advice } from '../domain/partners/sourcing-advice.js';
import * as partners from '../domain/partners/service.js';
import { toGlobalId } from '../domain/shared/ids.js';
import { ID, } from 'type-graphql';
import { ContractConnection, ContractFilter } from '../schema/contracts.js';
import { QualityAgreementConnection } from '../schema/quality.js';
import { OrderConnection, OrderFilter } from '../schema/orders.js';
import { decodeContractFilter, decodeFeedbackFilter, decodeNonconformanceFilter, decodeOrderFilter, decodeQualityAgreementFilter } from '../read/filters.js';
import { and, eq } from 'drizzle-orm';
import { contractConditions, listContracts } from '../db/queries/contracts.js';
import { listOrders, orderConditions } from '../db/queries/orders.js';
import { listNonconformances, nonconformanceConditions } from '../db/queries/nonconformances.js';
import { listEvaluations } from '../db/queries/evaluations.js';
import { listQualityAgreements, qualityAgreementConditions } from '../db/queries/quality.js';
import { feedbackConditions, listFeedback } from '../db/queries/feedback.js';
import { contracts, customerFeedback, nonconformances, orders, qualityAgreements, supplierEvaluations } from '../db/schema/index.js';
import { OrderOrder } from '../schema/orders.js';
import { QualityAgreementFilter } from '../schema/quality.js';
import { orderSortOf } from './orders.js';
import { NonconformanceConnection, NonconformanceFilter } from '../schema/nonconformances.js';
import { CustomerFeedbackConnection, FeedbackFilter } from '../schema/feedback.js';
import { SatisfactionSurvey } from '../schema/satisfaction.js';
import { serviceContext, today } from '../context.js';
import {
  CreateCustomerInput,
  CreatePartInput,
  CreateSupplierInput,
  Customer,
  CustomerConnection,
  CustomerFilter,
  CustomerPayload,
  DesignateSourceInput,
  PageArguments,
  Part,
  PartConnection,
  PartFilter,
  PartPayload,
  RecordSupplierSurveyInput,
  SetSupplierStatusInput,
  SourcedPart,
  SourcedPartPayload,
  SourcingAdvice,
  Supplier,
  SupplierConnection,
  SupplierFilter,
  SupplierOrder,
  SupplierPayload,
  SupplierSurvey,
  UpdateSupplierInput,
} from '../schema/partners.js';
import { ImportanceClass, RelationshipAdvice } from '../schema/partners.js';
import { Scorecard } from '../schema/performance.js';
import { SupplierEvaluationConnection } from '../schema/evaluations.js';
import { DateScalar } from '../schema/common.js';
import { checkScorecardPeriod, gradeOf, scoreOf } from '../domain/performance/scorecard.js';
import { GraphQLError } from 'graphql';
import { adviseRelationship } from '../domain/partners/relationship.js';
import { payload } from './payload.js';

@Resolver(() => Supplier)
export class SupplierResolver {
  @Authorized()
  @Query(() => SupplierConnection)
  suppliers(
    @Args(() => PageArguments) page: PageArguments,
    @Arg('filter', () => SupplierFilter, { nullable: true }) filter: SupplierFilter | null,
    @Arg('orderBy', () => SupplierOrder, { nullable: true }) orderBy: SupplierOrder | null,
    @Ctx() ctx: Context,
  ) {
    const order = { field: orderBy?.field ?? 'CODE', descending: orderBy?.direction === 'DESC' };
    return listSuppliers(ctx.db, ctx.viewer!, page, filter, order).then((p) => {
      for (const s of p.nodes) ctx.loaders.supplierById.prime(s.id, s);
      return p;
    });
  }

  @FieldResolver(() => ID)
  id(@Root() supplier: SupplierRow) {
    return toGlobalId('Supplier', supplier.id);
  }

  @FieldResolver(() => ImportanceClass, { nullable: true })
  importanceClass(@Root() supplier: SupplierRow, @Ctx() ctx: Context) {
    return ctx.loaders.importanceBySupplierId.load(supplier.id);
  }

  @FieldResolver(() => SupplierSurvey, { nullable: true })
  async latestSurvey(@Root() supplier: SupplierRow, @Ctx() ctx: Context) {
    const survey = await ctx.loaders.latestSurveyBySupplierId.load(supplier.id);
    return survey && { ...survey, cpk: survey.cpk === null ? null : Number(survey.cpk) };
  }

  @Authorized(...permissions.viewRelationshipAdvice)
  @FieldResolver(() => RelationshipAdvice, { description: 'How to manage the relationship, from importance class and grade. Staff only.' })
  async relationship(@Root() supplier: SupplierRow, @Ctx() ctx: Context) {
    return adviseRelationship(await ctx.loaders.importanceBySupplierId.load(supplier.id), supplier.grade);
  }

  @FieldResolver(() => Scorecard, { description: 'KPIs computed from orders, deliveries and inspections in [from, to].' })
  async scorecard(@Root() supplier: SupplierRow, @Arg('from', () => DateScalar) from: string, @Arg('to', () => DateScalar) to: string, @Ctx() ctx: Context) {
    const refused = checkScorecardPeriod(from, to);
    if (refused) throw new GraphQLError(refused.message, { extensions: { code: 'BAD_USER_INPUT', argument: refused.argument } });
    const figures = await ctx.loaders.scorecardByKey.load(`${supplier.id}|${from}|${to}`);
    const score = scoreOf(figures);
    return { from, to, ...figures, score, grade: gradeOf(score) };
  }

  @FieldResolver(() => [SourcedPart])
  sourcedParts(@Root() supplier: SupplierRow, @Ctx() ctx: Context) {
    return ctx.loaders.sourcesBySupplierId.load(supplier.id);
  }

  @FieldResolver(() => ContractConnection)
  contracts(@Root() supplier: SupplierRow, @Args(() => PageArguments) page: PageArguments, @Arg('filter', () => ContractFilter, { nullable: true }) filter: ContractFilter | null, @Ctx() ctx: Context) {
    return listContracts(ctx.db, page, and(contractConditions(ctx.viewer!, decodeContractFilter(filter), today(ctx)), eq(contracts.supplierId, supplier.id)));
  }

  @FieldResolver(() => OrderConnection)
  orders(
    @Root() supplier: SupplierRow,
    @Args(() => PageArguments) page: PageArguments,
    @Arg('filter', () => OrderFilter, { nullable: true }) filter: OrderFilter | null,
    @Arg('orderBy', () => OrderOrder, { nullable: true }) orderBy: OrderOrder | null,
    @Ctx() ctx: Context,
  ) {
    return listOrders(ctx.db, page, and(orderConditions(ctx.viewer!, decodeOrderFilter(filter)), eq(orders.supplierId, supplier.id)), orderSortOf(orderBy));
  }

  @FieldResolver(() => NonconformanceConnection)
  nonconformances(
    @Root() supplier: SupplierRow,
    @Args(() => PageArguments) page: PageArguments,
    @Arg('filter', () => NonconformanceFilter, { nullable: true }) filter: NonconformanceFilter | null,
    @Ctx() ctx: Context,
  ) {
    return listNonconformances(ctx.db, page, and(nonconformanceConditions(ctx.viewer!, decodeNonconformanceFilter(filter), ctx.now()), eq(nonconformances.supplierId, supplier.id)));
  }

  @FieldResolver(() => SupplierEvaluationConnection)
  evaluations(@Root() supplier: SupplierRow, @Args(() => PageArguments) page: PageArguments, @Ctx() ctx: Context) {
    // Visible with the supplier, which is.
    return listEvaluations(ctx.db, page, eq(supplierEvaluations.supplierId, supplier.id));
  }

  @FieldResolver(() => QualityAgreementConnection)
  qualityAgreements(
    @Root() supplier: SupplierRow,
    @Args(() => PageArguments) page: PageArguments,
    @Arg('filter', () => QualityAgreementFilter, { nullable: true }) filter: QualityAgreementFilter | null,
    @Ctx() ctx: Context,
  ) {
    return listQualityAgreements(ctx.db, page, and(qualityAgreementConditions(ctx.viewer!, decodeQualityAgreementFilter(filter), today(ctx)), eq(qualityAgreements.supplierId, supplier.id)));
  }

  @Authorized(...permissions.createSupplier)
  @Mutation(() => SupplierPayload)
  async createSupplier(@Arg('input', () => CreateSupplierInput) input: CreateSupplierInput, @Ctx() ctx: Context) {
    return payload(ctx, 'supplier', await partners.createSupplier(serviceContext(ctx), input));
  }

  @Authorized(...permissions.updateSupplier)
  @Mutation(() => SupplierPayload)
  async updateSupplier(@Arg('input', () => UpdateSupplierInput) input: UpdateSupplierInput, @Ctx() ctx: Context) {
    return payload(ctx, 'supplier', await partners.updateSupplier(serviceContext(ctx), input));
  }

  @Authorized(...permissions.recordSupplierSurvey)
  @Mutation(() => SupplierPayload)
  async recordSupplierSurvey(@Arg('input', () => RecordSupplierSurveyInput) input: RecordSupplierSurveyInput, @Ctx() ctx: Context) {
    return payload(ctx, 'supplier', await partners.recordSupplierSurvey(serviceContext(ctx), input));
  }

  @Authorized(...permissions.setSupplierStatus)
  @Mutation(() => SupplierPayload)
  async setSupplierStatus(@Arg('input', () => SetSupplierStatusInput) input: SetSupplierStatusInput, @Ctx() ctx: Context) {
    return payload(ctx, 'supplier', await partners.setSupplierStatus(serviceContext(ctx), input));
  }
}

@Resolver(() => Customer)
export class CustomerResolver {
  @Authorized()
  @Query(() => CustomerConnection)
  customers(
    @Args(() => PageArguments) page: PageArguments,
    @Arg('filter', () => CustomerFilter, { nullable: true }) filter: CustomerFilter | null,
    @Ctx() ctx: Context,
  ) {
    return listCustomers(ctx.db, ctx.viewer!, page, filter);
  }

  @FieldResolver(() => ID)
  id(@Root() customer: CustomerRow) {
    return toGlobalId('Customer', customer.id);
  }

  @FieldResolver(() => OrderConnection)
  orders(
    @Root() customer: CustomerRow,
    @Args(() => PageArguments) page: PageArguments,
    @Arg('filter', () => OrderFilter, { nullable: true }) filter: OrderFilter | null,
    @Arg('orderBy', () => OrderOrder, { nullable: true }) orderBy: OrderOrder | null,
    @Ctx() ctx: Context,
  ) {
    return listOrders(ctx.db, page, and(orderConditions(ctx.viewer!, decodeOrderFilter(filter)), eq(orders.customerId, customer.id)), orderSortOf(orderBy));
  }

  @FieldResolver(() => CustomerFeedbackConnection, { description: "The customer's feedback, newest first." })
  feedback(
    @Root() customer: CustomerRow,
    @Args(() => PageArguments) page: PageArguments,
    @Arg('filter', () => FeedbackFilter, { nullable: true }) filter: FeedbackFilter | null,
    @Ctx() ctx: Context,
  ) {
    return listFeedback(ctx.db, page, and(feedbackConditions(ctx.viewer!, decodeFeedbackFilter(filter), ctx.now()), eq(customerFeedback.customerId, customer.id)));
  }

  @FieldResolver(() => [SatisfactionSurvey], { description: "The customer's satisfaction surveys, oldest period first; each gives its change against the one before: the trend." })
  satisfaction(@Root() customer: CustomerRow, @Ctx() ctx: Context) {
    return ctx.loaders.satisfactionByCustomerId.load(customer.id);
  }

  @Authorized(...permissions.createCustomer)
  @Mutation(() => CustomerPayload)
  async createCustomer(@Arg('input', () => CreateCustomerInput) input: CreateCustomerInput, @Ctx() ctx: Context) {
    return payload(ctx, 'customer', await partners.createCustomer(serviceContext(ctx), input));
  }
}

@Resolver(() => Part)
export class PartResolver {
  @Authorized()
  @Query(() => PartConnection)
  parts(
    @Args(() => PageArguments) page: PageArguments,
    @Arg('filter', () => PartFilter, { nullable: true }) filter: PartFilter | null,
    @Ctx() ctx: Context,
  ) {
    return listParts(ctx.db, ctx.viewer!, page, filter);
  }

  @FieldResolver(() => ID)
  id(@Root() part: PartRow) {
    return toGlobalId('Part', part.id);
  }

  @FieldResolver(() => [SourcedPart])
  sources(@Root() part: PartRow, @Ctx() ctx: Context) {
    return ctx.loaders.sourcesByPartId.load(part.id);
  }

  @Authorized(...permissions.viewSourcingAdvice)
  @FieldResolver(() => SourcingAdvice)
  async sourcingAdvice(@Root() part: PartRow, @Ctx() ctx: Context): Promise<Advice> {
    const sources = await ctx.loaders.sourcesByPartId.load(part.id);
    return adviseSourcing(
      part.importanceClass,
      sources.map((s) => ({ status: s.status, grade: s.supplierGrade })),
    );
  }

  @Authorized(...permissions.createPart)
  @Mutation(() => PartPayload)
  async createPart(@Arg('input', () => CreatePartInput) input: CreatePartInput, @Ctx() ctx: Context) {
    return payload(ctx, 'part', await partners.createPart(serviceContext(ctx), input));
  }
}

@Resolver(() => SourcedPart)
export class SourcedPartResolver {
  @FieldResolver(() => Supplier)
  async supplier(@Root() source: SourceRow, @Ctx() ctx: Context) {
    return ctx.loaders.supplierById.load(source.supplierId);
  }

  @FieldResolver(() => Part)
  async part(@Root() source: SourceRow, @Ctx() ctx: Context) {
    return ctx.loaders.partById.load(source.partId);
  }

  @Authorized(...permissions.designateSource)
  @Mutation(() => SourcedPartPayload)
  async designateSource(@Arg('input', () => DesignateSourceInput) input: DesignateSourceInput, @Ctx() ctx: Context) {
    return payload(ctx, 'sourcedPart', await partners.designateSource(serviceContext(ctx), input));
  }
}
