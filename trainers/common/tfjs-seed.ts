/**
 * tfjs's random ops (randomNormal, truncatedNormal, …) take `seed ? seed : Math.random()`, so
 * seed 0 silently means "unseeded". Trainers add this offset to every seed they pass to tfjs.
 */
export const TFJS_SEED_OFFSET = 1;
