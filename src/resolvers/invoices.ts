import { and, count, eq, like, type SQL } from 'drizzle-orm';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { Dashboard } from '../schema/dashboard.js';
import { permissions } from '../auth/permissions.js';
import { type Context, serviceContext, today } from '../context.js';
import { decodeActivityCursor, encodeActivityCursor } from '../db/queries/activity.js';
import { invoiceConditions, invoicesByIds, listInvoices, overdueInvoice } from '../db/queries/invoices.js';
import { activity, type ActivityRow, type InvoiceLineRow, type InvoiceRow, invoices } from '../db/schema/index.js';
import { isOverdue, outstanding } from '../domain/invoices/rules.js';
import * as service from '../domain/invoices/service.js';
import { normalize } from '../domain/shared/decimal.js';
import { toGlobalId } from '../domain/shared/ids.js';
import type { HubEvent } from '../realtime/hub.js';
import { filterId } from '../read/filters.js';
import {
  ApproveInvoiceInput,
  DisputeInvoiceInput,
  Invoice,
  InvoiceConnection,
  InvoiceDeduction,
  InvoicePayment,
  InvoiceFilter,
  InvoiceLine,
  InvoicePayload,
  InvoiceUpdate,
  RecordInvoicePaymentInput,
  SubmitInvoiceInput,
} from '../schema/invoices.js';
import { Order, OrderLine } from '../schema/orders.js';
import { PageArguments, Supplier } from '../schema/partners.js';
import { payload } from './payload.js';

/** Invoicing settings from configuration, set once at start. */
let settings: service.InvoiceSettings = { pricePercent: 0, quantityPercent: 0, defaultPaymentTermDays: 30 };

export function configureInvoicing(value: service.InvoiceSettings): void {
  settings = value;
}

@Resolver(() => Invoice)
export class InvoiceResolver {
  @Authorized()
  @Query(() => InvoiceConnection, { description: 'Invoices, newest first: a supplier’s users see their own, staff every one.' })
  invoices(@Args(() => PageArguments) page: PageArguments, @Arg('filter', () => InvoiceFilter, { nullable: true }) filter: InvoiceFilter | null, @Ctx() ctx: Context) {
    const decoded = filter ? { ...filter, status: filter.status as InvoiceRow['status'][] | null, supplierId: filterId(filter.supplierId, 'Supplier') } : null;
    return listInvoices(ctx.db, page, invoiceConditions(ctx.viewer!, decoded, today(ctx)));
  }

  @Authorized(...permissions.submitInvoice)
  @Mutation(() => InvoicePayload, { description: "The order's supplier invoices accepted quantities; each line is matched three ways and the invoice is due after the contract's payment terms." })
  async submitInvoice(@Arg('input', () => SubmitInvoiceInput) input: SubmitInvoiceInput, @Ctx() ctx: Context) {
    return payload(ctx, 'invoice', await service.submitInvoice(serviceContext(ctx), settings, input));
  }

  @Authorized(...permissions.approveInvoice)
  @Mutation(() => InvoicePayload, { description: 'Approves an invoice for payment, with deductions that each cite a clause of the contract in force.' })
  async approveInvoice(@Arg('input', () => ApproveInvoiceInput) input: ApproveInvoiceInput, @Ctx() ctx: Context) {
    return payload(ctx, 'invoice', await service.approveInvoice(serviceContext(ctx), input));
  }

  @Authorized(...permissions.disputeInvoice)
  @Mutation(() => InvoicePayload, { description: 'Disputes an invoice with a reason the supplier sees.' })
  async disputeInvoice(@Arg('input', () => DisputeInvoiceInput) input: DisputeInvoiceInput, @Ctx() ctx: Context) {
    return payload(ctx, 'invoice', await service.disputeInvoice(serviceContext(ctx), input));
  }

  @Authorized(...permissions.recordInvoicePayment)
  @Mutation(() => InvoicePayload, { description: 'Records a payment of an approved invoice, in part or in full.' })
  async recordInvoicePayment(@Arg('input', () => RecordInvoicePaymentInput) input: RecordInvoicePaymentInput, @Ctx() ctx: Context) {
    return payload(ctx, 'invoice', await service.recordInvoicePayment(serviceContext(ctx), input));
  }

  @Authorized()
  @Subscription(() => InvoiceUpdate, {
    description: 'Changes of the invoices the viewer may see (a supplier its own); `after` replays what was recorded after that cursor first.',
    subscribe: ({ args, context }) => {
      const ctx = context as Context;
      const a = args as { invoiceId?: string | null; after?: string | null };
      const invoiceId = filterId(a.invoiceId, 'Invoice');
      const after = a.after == null ? null : decodeActivityCursor(a.after);
      const where: SQL | undefined = and(eq(activity.subjectType, 'Invoice'), like(activity.kind, 'INVOICE\\_%'), invoiceId === null ? undefined : eq(activity.subjectId, invoiceId));
      return ctx.hub.subscribe({ viewer: ctx.viewer!, where, matches: (row: ActivityRow) => row.subjectType === 'Invoice' && (invoiceId === null || row.subjectId === invoiceId), after });
    },
  })
  async invoiceUpdated(
    @Root() event: HubEvent,
    @Arg('invoiceId', () => ID, { nullable: true, description: 'Only this invoice.' }) _invoiceId: string | null,
    @Arg('after', () => String, { nullable: true, description: 'Replay what was recorded after this cursor first.' }) _after: string | null,
    @Ctx() ctx: Context,
  ) {
    const [invoice] = await invoicesByIds(ctx.db, ctx.viewer!, [event.row.subjectId]);
    return { cursor: encodeActivityCursor(event.row), occurredAt: event.row.occurredAt, kind: event.row.kind, invoice: invoice ?? null };
  }

  @FieldResolver(() => ID)
  id(@Root() row: InvoiceRow) {
    return toGlobalId('Invoice', row.id);
  }

  @FieldResolver(() => Supplier)
  supplier(@Root() row: InvoiceRow, @Ctx() ctx: Context) {
    return ctx.loaders.supplierById.load(row.supplierId);
  }

  @FieldResolver(() => Order)
  order(@Root() row: InvoiceRow, @Ctx() ctx: Context) {
    return ctx.loaders.orderById.load(row.orderId);
  }

  @FieldResolver(() => [InvoiceLine])
  lines(@Root() row: InvoiceRow, @Ctx() ctx: Context) {
    return ctx.loaders.invoiceLinesByInvoiceId.load(row.id);
  }

  @FieldResolver(() => [InvoiceDeduction])
  deductions(@Root() row: InvoiceRow, @Ctx() ctx: Context) {
    return ctx.loaders.deductionsByInvoiceId.load(row.id);
  }

  @FieldResolver(() => [InvoicePayment])
  payments(@Root() row: InvoiceRow, @Ctx() ctx: Context) {
    return ctx.loaders.paymentsByInvoiceId.load(row.id);
  }

  @FieldResolver(() => String)
  outstanding(@Root() row: InvoiceRow) {
    return normalize(outstanding(row));
  }

  @FieldResolver(() => Boolean)
  overdue(@Root() row: InvoiceRow, @Ctx() ctx: Context) {
    return isOverdue(row, today(ctx));
  }
}

@Resolver(() => InvoiceLine)
export class InvoiceLineResolver {
  @FieldResolver(() => OrderLine)
  orderLine(@Root() row: InvoiceLineRow, @Ctx() ctx: Context) {
    return ctx.loaders.orderLineById.load(row.orderLineId);
  }
}

@Resolver(() => Dashboard)
export class DashboardInvoicesResolver {
  @FieldResolver(() => Int, { description: 'Approved invoices with something still to pay whose due date has passed.' })
  async overduePayables(@Ctx() ctx: Context) {
    return (await ctx.db.select({ n: count() }).from(invoices).where(overdueInvoice(today(ctx))))[0]!.n;
  }
}
