/** Release environments and regions as the v2 wire spells them (spec §1, §3.4). */
export const RELEASE_ENVIRONMENTS = ['Sandbox', 'Live'] as const;
export type ReleaseEnvironment = (typeof RELEASE_ENVIRONMENTS)[number];

export const REGIONS = ['NA', 'EU', 'UK', 'JP'] as const;
export type Region = (typeof REGIONS)[number];

/** The region digits in object ids: 01 NA, 02 EU/UK, 03 JP (spec §3.6, observed convention). */
export const REGION_ID_DIGITS = {
  NA: '01',
  EU: '02',
  UK: '02',
  JP: '03',
} as const satisfies Record<Region, string>;

/** The API host region a merchant of each region signs with (`x-amz-pay-region`, spec §1.1). */
export const API_REGION = { NA: 'na', EU: 'eu', UK: 'eu', JP: 'jp' } as const satisfies Record<
  Region,
  string
>;

export const isRegion = (value: string): value is Region =>
  (REGIONS as readonly string[]).includes(value);
