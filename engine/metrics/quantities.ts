/**
 * How metrics-server writes usage: CPU as nanocores (`resource.NewScaledQuantity(n, -9)`, so
 * `2500000n` prints canonically as `2500u`… and whole millicores as `3m`), memory as bytes in
 * BinarySI (`7416Ki`).
 */
import { newQuantity, quantityString } from '../api/validation/quantity.ts';

/** Millicores as the canonical CPU quantity metrics-server serves: 0 → `0`, 3 → `3m`, 1500 → `1500m`. */
export function cpuQuantity(millicores: number): string {
  const nanos = BigInt(Math.round(millicores * 1e6));
  return quantityString({ nanos, format: 'DecimalSI' });
}

/** Bytes as the canonical BinarySI memory quantity: 3604480 → `3520Ki`, 104857600 → `100Mi`. */
export function memoryQuantity(bytes: number): string {
  return quantityString(newQuantity(Math.round(bytes), 'BinarySI'));
}
