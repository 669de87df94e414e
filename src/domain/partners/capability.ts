import { compare } from '../shared/decimal.js';

/** A key material: how secure its supply is, how long it takes to procure, the stock kept, returns. */
export interface MaterialValue {
  name: string;
  supplyStatus: 'SECURE' | 'TIGHT' | 'SHORTAGE';
  procurementCycleDays: number;
  /** Stock on hand, in days of consumption. */
  stockDays: number;
  /** Share of received material returned for quality, 0..100 per cent. */
  returnRatePercent: number;
}

export interface ManufacturingValue {
  /** Main equipment, e.g. "4 x 250 t injection presses". */
  equipment: string[];
  utilisationPercent: number;
  maintenanceState: 'GOOD' | 'FAIR' | 'POOR';
  staffing: number;
  productionCycleDays: number;
}

export interface TransportValue {
  modes: ('ROAD' | 'RAIL' | 'SEA' | 'AIR' | 'COURIER')[];
  cycleDays: number;
}

/** The open quantity of a part due in a month ("YYYY-MM"), against the supplier's monthly capacity. */
export interface Commitment {
  partId: string;
  month: string;
  committed: string;
  capacity: string;
}

/** The months in which what is committed exceeds what can be made. */
export function overCapacity(commitments: readonly Commitment[]): Commitment[] {
  return commitments.filter((c) => compare(c.committed, c.capacity) > 0);
}
