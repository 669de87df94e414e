import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { permissions } from '../auth/permissions.js';
import { type Context, serviceContext, today } from '../context.js';
import { decodeContractFilter } from '../read/filters.js';
import { type ContractView, contractConditions, listContracts, versionKey } from '../db/queries/contracts.js';
import type { ContractItemRow } from '../db/schema/index.js';
import { readContractStatus } from '../domain/contracts/lifecycle.js';
import * as contracts from '../domain/contracts/service.js';
import { toGlobalId } from '../domain/shared/ids.js';
import { typed } from '../schema/common.js';
import {
  AmendContractInput,
  Contract,
  ContractActionInput,
  ContractAmendment,
  ContractConnection,
  ContractFilter,
  ContractItem,
  ContractPayload,
  ContractRevision,
  ContractStatus,
  CreateContractInput,
  Signature,
} from '../schema/contracts.js';
import { Part, Partner, PageArguments } from '../schema/partners.js';
import { payload } from './payload.js';

export const signatureView = (s: { party: 'COMPANY' | 'PARTNER'; signedByName: string; signedAt: Date }) => ({ party: s.party, signedBy: s.signedByName, signedAt: s.signedAt });

@Resolver(() => Contract)
export class ContractResolver {
  @Authorized()
  @Query(() => ContractConnection)
  contracts(@Args(() => PageArguments) page: PageArguments, @Arg('filter', () => ContractFilter, { nullable: true }) filter: ContractFilter | null, @Ctx() ctx: Context) {
    return listContracts(ctx.db, page, contractConditions(ctx.viewer!, decodeContractFilter(filter), today(ctx)));
  }

  @FieldResolver(() => ID)
  id(@Root() c: ContractView) {
    return toGlobalId('Contract', c.id);
  }

  @FieldResolver(() => ContractStatus)
  status(@Root() c: ContractView, @Ctx() ctx: Context) {
    return readContractStatus(c.storedStatus, c.effectiveTo, today(ctx));
  }

  @FieldResolver(() => Partner)
  async partner(@Root() c: ContractView, @Ctx() ctx: Context) {
    if (c.supplierId !== null) return typed('Supplier', (await ctx.loaders.supplierById.load(c.supplierId))!);
    return typed('Customer', (await ctx.loaders.customerById.load(c.customerId!))!);
  }

  @FieldResolver(() => [ContractItem])
  items(@Root() c: ContractView, @Ctx() ctx: Context) {
    return ctx.loaders.contractItemsByVersion.load(versionKey(c.id, c.shownVersion));
  }

  @FieldResolver(() => [Signature])
  async signatures(@Root() c: ContractView, @Ctx() ctx: Context) {
    return (await ctx.loaders.contractSignaturesByVersion.load(versionKey(c.id, c.shownVersion))).map(signatureView);
  }

  @FieldResolver(() => [ContractRevision])
  async revisions(@Root() c: ContractView, @Ctx() ctx: Context) {
    return (await ctx.loaders.contractRevisionsById.load(c.id)).map((v) => ({ version: v.version, changedAt: v.changedAt, changedBy: v.changedByName, summary: v.summary }));
  }

  @FieldResolver(() => ContractAmendment, { nullable: true })
  async amendment(@Root() c: ContractView, @Ctx() ctx: Context) {
    if (c.storedStatus !== 'ACTIVE' || c.inForceVersion === null || c.version <= c.inForceVersion) return null;
    const key = versionKey(c.id, c.version);
    const [terms, items, signatures] = await Promise.all([
      ctx.loaders.contractVersionByKey.load(key),
      ctx.loaders.contractItemsByVersion.load(key),
      ctx.loaders.contractSignaturesByVersion.load(key),
    ]);
    return { ...terms!, items, signatures: signatures.map(signatureView) };
  }

  @Authorized(...permissions.createContract)
  @Mutation(() => ContractPayload)
  async createContract(@Arg('input', () => CreateContractInput) input: CreateContractInput, @Ctx() ctx: Context) {
    return payload(ctx, 'contract', await contracts.createContract(serviceContext(ctx), input));
  }

  @Authorized(...permissions.amendContract)
  @Mutation(() => ContractPayload)
  async amendContract(@Arg('input', () => AmendContractInput) input: AmendContractInput, @Ctx() ctx: Context) {
    // Absent fields keep their terms; an explicit null clears a date or term.
    return payload(ctx, 'contract', await contracts.amendContract(serviceContext(ctx), input));
  }

  @Authorized(...permissions.submitContractForReview)
  @Mutation(() => ContractPayload)
  async submitContractForReview(@Arg('input', () => ContractActionInput) input: ContractActionInput, @Ctx() ctx: Context) {
    return payload(ctx, 'contract', await contracts.submitContractForReview(serviceContext(ctx), input));
  }

  @Authorized(...permissions.approveContract)
  @Mutation(() => ContractPayload)
  async approveContract(@Arg('input', () => ContractActionInput) input: ContractActionInput, @Ctx() ctx: Context) {
    return payload(ctx, 'contract', await contracts.approveContract(serviceContext(ctx), input));
  }

  @Authorized(...permissions.signContract)
  @Mutation(() => ContractPayload, { description: 'Each party signs; the contract becomes ACTIVE once both have.' })
  async signContract(@Arg('input', () => ContractActionInput) input: ContractActionInput, @Ctx() ctx: Context) {
    return payload(ctx, 'contract', await contracts.signContract(serviceContext(ctx), input));
  }

  @Authorized(...permissions.terminateContract)
  @Mutation(() => ContractPayload)
  async terminateContract(@Arg('input', () => ContractActionInput) input: ContractActionInput, @Ctx() ctx: Context) {
    return payload(ctx, 'contract', await contracts.terminateContract(serviceContext(ctx), input));
  }
}

@Resolver(() => ContractItem)
export class ContractItemResolver {
  @FieldResolver(() => Part)
  part(@Root() item: ContractItemRow, @Ctx() ctx: Context) {
    return ctx.loaders.partById.load(item.partId);
  }
}

