import { z } from "zod";
import type { Plan } from "./limits";
import { LimitFields } from "./limits";

const money = z.number({ error: "must be a whole number of minor units" }).int("must be a whole number of minor units").min(0, "must be 0 or more").max(1e13, "is too large");

const PlanShape = {
  name: z.string().trim().min(1, "is required").max(60, "must be at most 60 characters"),
  currency: z.string().regex(/^[A-Z]{3}$/, "must be a three-letter ISO 4217 code such as USD"),
  monthlyPriceMinor: money,
  pricePerMillionRequestsMinor: money,
  pricePerMillionCpuMsMinor: money,
  overage: z.boolean({ error: "must be true or false" }),
  ...LimitFields,
};

export const PlanId = z
  .string()
  .min(2, "must be at least 2 characters")
  .max(40, "must be at most 40 characters")
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "use lowercase letters, digits and inner hyphens");

export const CreatePlanInput = z
  .object({
    ...PlanShape,
    id: PlanId,
    currency: PlanShape.currency.default("USD"),
    monthlyPriceMinor: money.default(0),
    pricePerMillionRequestsMinor: money.default(0),
    pricePerMillionCpuMsMinor: money.default(0),
    overage: PlanShape.overage.default(true),
    spendCapMinor: LimitFields.spendCapMinor.default(null),
  })
  .strict();
// No defaults here: a field left out of a PATCH keeps its value.
export const UpdatePlanInput = z.object(PlanShape).partial().strict();

/** A plan as the API shows it. */
export function planView(p: Plan, tenants?: number) {
  const { createdAt, updatedAt, ...rest } = p;
  return { ...rest, createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString(), ...(tenants === undefined ? {} : { tenants }) };
}
