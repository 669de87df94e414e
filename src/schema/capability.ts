import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, DecimalScalar, enumOf, Payload } from './common.js';
import { Part, Supplier } from './partners.js';

export const MaterialSupplyStatus = enumOf(['SECURE', 'TIGHT', 'SHORTAGE'] as const);
registerEnumType(MaterialSupplyStatus, {
  name: 'MaterialSupplyStatus',
  description: 'How secure the supply of a raw material is.',
  valuesConfig: { SECURE: { description: 'Supply meets demand.' }, TIGHT: { description: 'Supply barely meets demand.' }, SHORTAGE: { description: 'Demand exceeds supply.' } },
});

export const MaintenanceState = enumOf(['GOOD', 'FAIR', 'POOR'] as const);
registerEnumType(MaintenanceState, {
  name: 'MaintenanceState',
  description: 'The state of equipment maintenance.',
  valuesConfig: { GOOD: { description: 'Planned maintenance kept.' }, FAIR: { description: 'Some backlog.' }, POOR: { description: 'Breakdowns drive maintenance.' } },
});

export const TransportMode = enumOf(['ROAD', 'RAIL', 'SEA', 'AIR', 'COURIER'] as const);
registerEnumType(TransportMode, { name: 'TransportMode', description: 'How goods travel.', valuesConfig: { ROAD: { description: 'Truck.' }, RAIL: { description: 'Rail.' }, SEA: { description: 'Sea freight.' }, AIR: { description: 'Air freight.' }, COURIER: { description: 'Parcel courier.' } } });

export const CapabilityReviewStatus = enumOf(['SUBMITTED', 'REVIEWED'] as const);
registerEnumType(CapabilityReviewStatus, {
  name: 'CapabilityReviewStatus',
  description: 'Whether staff have reviewed the current version.',
  valuesConfig: { SUBMITTED: { description: 'Changed by the supplier, not yet reviewed.' }, REVIEWED: { description: 'Reviewed by staff.' } },
});

@ObjectType({ description: 'A key raw material of the supplier.' })
export class SupplyMaterial {
  @Field(() => String, { description: 'The material.' }) name: string;
  @Field(() => MaterialSupplyStatus, { description: 'Supply against demand.' }) supplyStatus: string;
  @Field(() => Int, { description: 'Days to procure it.' }) procurementCycleDays: number;
  @Field(() => Int, { description: 'Stock on hand, in days of consumption.' }) stockDays: number;
  @Field(() => Float, { description: 'Share returned for quality, per cent.' }) returnRatePercent: number;
}

@ObjectType({ description: "The supplier's manufacturing." })
export class ManufacturingCapability {
  @Field(() => [String], { description: 'Main equipment.' }) equipment: string[];
  @Field(() => Float, { description: 'Average utilisation, per cent.' }) utilisationPercent: number;
  @Field(() => MaintenanceState, { description: 'Maintenance state.' }) maintenanceState: string;
  @Field(() => Int, { description: 'Production staff.' }) staffing: number;
  @Field(() => Int, { description: 'Production cycle, days.' }) productionCycleDays: number;
}

@ObjectType({ description: "The supplier's transport." })
export class TransportCapability {
  @Field(() => [TransportMode], { description: 'Modes used.' }) modes: string[];
  @Field(() => Int, { description: 'Transport cycle, days.' }) cycleDays: number;
}

@ObjectType({ description: 'How much of a part the supplier can make in a month.' })
export class PartCapacity {
  @Field(() => Part, { description: 'The part.' }) part: unknown;
  @Field(() => DecimalScalar, { description: 'Units per month.' }) monthlyCapacity: string;
}

@ObjectType({ description: "A supplier's supply capability: materials, manufacturing, transport and monthly capacity per part. Kept by the supplier's users, reviewed by staff." })
export class SupplyCapability {
  @Field(() => [SupplyMaterial], { description: 'Key raw materials.' }) materials: unknown[];
  @Field(() => ManufacturingCapability, { description: 'Manufacturing.' }) manufacturing: unknown;
  @Field(() => TransportCapability, { description: 'Transport.' }) transport: unknown;
  @Field(() => [PartCapacity], { description: 'Monthly capacity per part, by part number.' }) partCapacities: unknown[];
  @Field(() => CapabilityReviewStatus, { description: 'SUBMITTED until staff review this version.' }) reviewStatus: string;
  @Field(() => String, { nullable: true, description: 'Who reviewed it.' }) reviewedBy: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was reviewed.' }) reviewedAt: Date | null;
  @Field(() => String, { nullable: true, description: "The reviewer's note." }) reviewNote: string | null;
  @Field(() => String, { description: 'Who last changed it.' }) updatedBy: string;
  @Field(() => Int, { description: 'Increases with every change: pass it as expectedVersion.' }) version: number;
  @Field(() => DateTimeScalar, { description: 'When it last changed.' }) updatedAt: Date;
}

@ObjectType({ description: 'A part whose open purchase quantity due in a month exceeds its supplier’s monthly capacity.' })
export class CapacityOverload {
  @Field(() => Supplier, { description: 'The supplier.' }) supplier: unknown;
  @Field(() => Part, { description: 'The part.' }) part: unknown;
  @Field(() => String, { description: 'The month, YYYY-MM (by confirmed, else requested date).' }) month: string;
  @Field(() => DecimalScalar, { description: 'Open quantity due that month on issued purchase orders.' }) committed: string;
  @Field(() => DecimalScalar, { description: 'The monthly capacity.' }) capacity: string;
}

export const WarningCode = enumOf(['OVER_CAPACITY'] as const);
registerEnumType(WarningCode, { name: 'WarningCode', description: 'Why a mutation that succeeded warns.', valuesConfig: { OVER_CAPACITY: { description: 'A part is now committed above its supplier’s monthly capacity.' } } });

@ObjectType({ description: 'Something to know about a mutation that succeeded.' })
export class PayloadWarning {
  @Field(() => WarningCode, { description: 'What kind of warning.' }) code: string;
  @Field(() => String, { description: 'What it means, in the request’s language.' }) message: string;
  @Field(() => Part, { nullable: true, description: 'The part concerned.' }) part: unknown;
  @Field(() => String, { nullable: true, description: 'The month concerned, YYYY-MM.' }) month: string | null;
}

@InputType({ description: 'A key raw material.' })
export class SupplyMaterialInput {
  @Field(() => String, { description: 'The material.' }) name: string;
  @Field(() => MaterialSupplyStatus, { description: 'Supply against demand.' }) supplyStatus: string;
  @Field(() => Int, { description: 'Days to procure it.' }) procurementCycleDays: number;
  @Field(() => Int, { description: 'Stock on hand, in days of consumption.' }) stockDays: number;
  @Field(() => Float, { description: 'Share returned for quality, per cent.' }) returnRatePercent: number;
}

@InputType({ description: 'Manufacturing.' })
export class ManufacturingCapabilityInput {
  @Field(() => [String], { description: 'Main equipment.' }) equipment: string[];
  @Field(() => Float, { description: 'Average utilisation, per cent.' }) utilisationPercent: number;
  @Field(() => MaintenanceState, { description: 'Maintenance state.' }) maintenanceState: string;
  @Field(() => Int, { description: 'Production staff.' }) staffing: number;
  @Field(() => Int, { description: 'Production cycle, days.' }) productionCycleDays: number;
}

@InputType({ description: 'Transport.' })
export class TransportCapabilityInput {
  @Field(() => [TransportMode], { description: 'Modes used.' }) modes: string[];
  @Field(() => Int, { description: 'Transport cycle, days.' }) cycleDays: number;
}

@InputType({ description: 'Monthly capacity of a part.' })
export class PartCapacityInput {
  @Field(() => ID, { description: 'The part (its global id).' }) partId: string;
  @Field(() => DecimalScalar, { description: 'Units per month.' }) monthlyCapacity: string;
}

@InputType({ description: "What `updateSupplyCapability` takes: the whole capability (part capacities replace the earlier ones). The supplier's own users." })
export class UpdateSupplyCapabilityInput {
  @Field(() => ID, { description: 'The supplier (its global id).' }) supplierId: string;
  @Field(() => Int, { nullable: true, description: 'The version you read (0 before the first); a newer one refuses with VERSION_CONFLICT.' }) expectedVersion?: number | null;
  @Field(() => [SupplyMaterialInput], { description: 'Key raw materials.' }) materials: SupplyMaterialInput[];
  @Field(() => ManufacturingCapabilityInput, { description: 'Manufacturing.' }) manufacturing: ManufacturingCapabilityInput;
  @Field(() => TransportCapabilityInput, { description: 'Transport.' }) transport: TransportCapabilityInput;
  @Field(() => [PartCapacityInput], { description: 'Monthly capacity per part.' }) partCapacities: PartCapacityInput[];
}

@InputType({ description: 'What `reviewSupplyCapability` takes. ADMIN, BUYER, QUALITY_ENGINEER.' })
export class ReviewSupplyCapabilityInput {
  @Field(() => ID, { description: 'The supplier (its global id).' }) supplierId: string;
  @Field(() => Int, { nullable: true, description: 'The version you read.' }) expectedVersion?: number | null;
  @Field(() => String, { nullable: true, description: 'What the review found.' }) note?: string | null;
}

@ObjectType({ description: 'The result of updating or reviewing a supply capability.' })
export class SupplyCapabilityPayload extends Payload {
  @Field(() => SupplyCapability, { nullable: true, description: 'The capability as written; null when refused.' }) supplyCapability: SupplyCapability | null;
}
