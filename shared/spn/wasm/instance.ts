import { type CompiledSpn, GAUSSIAN_SLOTS, KIND_GAUSSIAN_LEAF } from "../compiled-spn.ts";
import type { EvidenceBatch } from "../evidence.ts";
import { instantiate, spnWasmModule } from "./module.ts";
import { downwardCodes } from "./down-codes.ts";
import { parentLists } from "./parents.ts";
import { type PatternPlan, patternPlan } from "./pattern-plan.ts";

/** The evaluator's exports (evaluator.wat); pointers are byte addresses in its memory. */
interface Kernels {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  configure(
    n: number,
    kind: number,
    start: number,
    child: number,
    leafVar: number,
    leafParam: number,
    varStates: number,
    varSlot: number,
  ): void;
  expInPlace(ptr: number, count: number): void;
  upward(R: number, ev: number, val: number, w: number, lp: number): void;
  logRoot(R: number, val: number, out: number): void;
  configureParents(start: number, mid: number, node: number, edge: number, sumSlot: number, flowOf: number): void;
  /** codes: the per-node dispatch (down-codes.ts), with virtual products after upwardShared. */
  downward(R: number, val: number, flow: number, g: number, w: number, codes: number): void;
  parentWeights(w: number, pw: number, count: number): void;
  configureLeaves(V: number, start: number, flowNode: number, param: number): void;
  configureShared(
    mode: number,
    classOf: number,
    tableAt: number,
    classes: number,
    varStart: number,
    variable: number,
    step: number,
  ): void;
  patternIds(R: number, ev: number, pid: number): void;
  upwardShared(R: number, ev: number, val: number, w: number, lp: number, table: number, pid: number): void;
  leafMarginals(R: number, flow: number, lp: number, out: number, slotCount: number): void;
}

/**
 * Doubles in a model's wasm value buffer (512 KiB; the flow buffer of the marginals pass, made on
 * first use, is as large). Rows go through in chunks of floor(budget / nodes) rounded down to a
 * multiple of 8, at least 8 (then the buffer is 64 bytes per node: 4.2 MiB for the 1M-edge
 * benchmark SPN). A chunk that fits in L2 was fastest: 0.48 ns per edge-row at 32 rows on the
 * 10k-edge SPN against 0.59 at 256 and 0.74 at 1,024; on the 1M-edge SPN 8 rows cost 0.39 ns,
 * 32 rows 0.28 ns for 4x the memory (docs/spn-benchmark.md).
 */
export const WASM_VALUE_DOUBLES = 1 << 16;
const PAGE = 65536;

/**
 * One model's evaluator instance: its own memory holding the graph (i32 arrays), every member's
 * linear weights and leaf parameters (converted from the compiled log-space ones by the kernel's
 * own exp, so identical on every engine), and the chunk buffers. Made once per model per isolate.
 */
export class WasmSpn {
  readonly chunkRows: number;
  readonly weightPtr: number[] = [];
  readonly leafPtr: number[] = [];
  /** Per member, per variable: the largest log normaliser of its gaussian leaves (0 if discrete). */
  readonly gaussianShift: Float64Array[] = [];
  readonly gaussianVariables: number[] = [];
  /** Marginal output slots: a discrete variable has one per state, a gaussian two (mean, variance). */
  readonly slotOf: Int32Array;
  readonly slotCount: number;
  readonly evPtr: number;
  readonly valPtr: number;
  readonly outPtr: number;
  flowPtr = -1;
  /** The downward pass's g = flow / S of each sum node, by sum slot (wasm/parents.ts). */
  quotientPtr = -1;
  marginalPtr = -1;
  /** The downward pass's per-node codes (down-codes.ts) for passes without shared values. */
  downCodePtr = -1;
  /** Per node, the node whose flow row holds its flow (wasm/parents.ts); set with the flow buffers. */
  flowOf: Int32Array = new Int32Array(0);
  /** One member's weights in parent-list order for the downward pass, and which member they are (-1: none). */
  private parentWeightPtr = -1;
  private parentWeightMember = -1;
  private patterns: PatternBuffers | null | undefined;
  private top: number;
  f64: Float64Array;

  constructor(
    readonly spn: CompiledSpn,
    readonly k: Kernels,
  ) {
    const { nodeCount: N, edgeCount: E, variables } = spn;
    const V = variables.length;
    this.chunkRows = Math.max(8, Math.floor(WASM_VALUE_DOUBLES / N / 8) * 8);
    this.slotOf = new Int32Array(V);
    let slots = 0;
    for (let v = 0; v < V; v++) {
      this.slotOf[v] = slots;
      slots += spn.stateCount[v]! === 0 ? 2 : spn.stateCount[v]!;
    }
    this.slotCount = slots;
    this.top = 16;
    const kind = this.alloc(N * 4);
    const start = this.alloc((N + 1) * 4);
    const child = this.alloc(E * 4);
    const leafVar = this.alloc(N * 4);
    const leafParam = this.alloc(N * 4);
    const varStates = this.alloc(V * 4);
    const varSlot = this.alloc(V * 4);
    const paramCount = spn.members[0]!.leafLogParams.length;
    for (let s = 0; s < spn.members.length; s++) {
      this.weightPtr.push(this.alloc(E * 8));
      this.leafPtr.push(this.alloc(paramCount * 8));
    }
    this.evPtr = this.alloc(V * this.chunkRows * 8);
    this.valPtr = this.alloc(N * this.chunkRows * 8);
    this.outPtr = this.alloc(this.chunkRows * 8);
    this.f64 = this.grow();
    const i32 = new Int32Array(k.memory.buffer);
    i32.set(Int32Array.from(spn.kind), kind >> 2);
    i32.set(spn.childStart, start >> 2);
    i32.set(spn.childIndex, child >> 2);
    i32.set(spn.leafVariable, leafVar >> 2);
    i32.set(spn.leafParamStart, leafParam >> 2);
    i32.set(spn.stateCount, varStates >> 2);
    i32.set(this.slotOf, varSlot >> 2);
    k.configure(N, kind, start, child, leafVar, leafParam, varStates, varSlot);
    for (let s = 0; s < spn.members.length; s++) this.loadMember(s);
    for (let v = 0; v < V; v++) if (spn.stateCount[v] === 0) this.gaussianVariables.push(v);
  }

  /**
   * Copies rows r0 .. r0 + len of a batch into the evidence buffer (variable-major), padded to an
   * even row count with an all-missing row for the 2-lane SIMD kernels; returns that count.
   */
  loadEvidence(rows: EvidenceBatch, r0: number, len: number): number {
    const Rc = len + (len & 1);
    const { rowCount: B, values } = rows;
    const f64 = this.f64;
    for (let v = 0; v < this.spn.variables.length; v++) {
      const at = (this.evPtr >> 3) + v * Rc;
      for (let r = 0, from = v * B + r0; r < len; r++) f64[at + r] = values[from + r]!; // no subarray: a view costs ~100 ns
      if (Rc > len) f64[at + len] = NaN;
    }
    return Rc;
  }

  /**
   * The plan for sharing upward values across a batch's rows and its buffers (pattern tables,
   * pattern ids of a chunk), made on first use after the flow buffers; null when the graph has
   * nothing worth sharing (wasm/pattern-plan.ts).
   */
  patternBuffers(): PatternBuffers | null {
    if (this.patterns === undefined) {
      this.ensureFlowBuffers();
      const plan = patternPlan(this.spn, this.flowOf);
      if (plan === null) this.patterns = null;
      else {
        const N = this.spn.nodeCount;
        const tablePtr = this.alloc(plan.tableDoubles * 8);
        const pidPtr = this.alloc(plan.classes.length * this.chunkRows * 4);
        const mode = this.alloc(N * 4);
        const classOf = this.alloc(N * 4);
        const tableAt = this.alloc(N * 4);
        const C = plan.classes.length;
        const varStart = Int32Array.from({ length: C + 1 }, (_, c) =>
          plan.classes.slice(0, c).reduce((s, x) => s + x.variables.length, 0),
        );
        const classVar = this.alloc(varStart[C]! * 4);
        const classStep = this.alloc(varStart[C]! * 4);
        const codePtr = this.alloc(N * 4);
        const classVarStart = this.alloc((C + 1) * 4);
        this.f64 = this.grow();
        const i32 = new Int32Array(this.k.memory.buffer);
        i32.set(plan.mode, mode >> 2);
        i32.set(plan.classOf, classOf >> 2);
        i32.set(
          plan.tableAt.map((at) => at * 8),
          tableAt >> 2,
        );
        i32.set(varStart, classVarStart >> 2);
        i32.set(
          plan.classes.flatMap((x) => x.variables),
          classVar >> 2,
        );
        i32.set(
          plan.classes.flatMap((x) => x.radix.map((r) => r * 8)),
          classStep >> 2,
        );
        i32.set(downwardCodes(this.spn, parentLists(this.spn), plan.mode), codePtr >> 2);
        this.k.configureShared(mode, classOf, tableAt, C, classVarStart, classVar, classStep);
        this.patterns = { plan, tablePtr, pidPtr, codePtr };
      }
    }
    return this.patterns;
  }

  /** Bytes of wasm memory this model holds. */
  get memoryBytes(): number {
    return this.k.memory.buffer.byteLength;
  }

  /** Allocates the buffers and parent lists of the downward pass (first marginals query). */
  ensureFlowBuffers(): void {
    if (this.flowPtr >= 0) return;
    const { nodeCount: N, edgeCount: E } = this.spn;
    const parents = parentLists(this.spn);
    this.flowPtr = this.alloc(N * this.chunkRows * 8);
    this.quotientPtr = this.alloc(parents.sums * this.chunkRows * 8);
    this.marginalPtr = this.alloc(this.slotCount * this.chunkRows * 8);
    this.parentWeightPtr = this.alloc(E * 8);
    const start = this.alloc((N + 1) * 4);
    const mid = this.alloc(N * 4);
    const node = this.alloc(E * 4);
    const edge = this.alloc(E * 4);
    const sumSlot = this.alloc(N * 4);
    const flowOf = this.alloc(N * 4);
    this.downCodePtr = this.alloc(N * 4);
    this.flowOf = parents.flowOf;
    this.f64 = this.grow();
    const i32 = new Int32Array(this.k.memory.buffer);
    i32.set(parents.start, start >> 2);
    i32.set(parents.mid, mid >> 2);
    i32.set(parents.node, node >> 2);
    i32.set(parents.edge, edge >> 2);
    i32.set(parents.sumSlot, sumSlot >> 2);
    i32.set(parents.flowOf, flowOf >> 2);
    i32.set(downwardCodes(this.spn, parents, null), this.downCodePtr >> 2);
    this.k.configureParents(start, mid, node, edge, sumSlot, flowOf);
    this.configureLeaves();
  }

  /** leafMarginals' per-variable leaf lists: each leaf's flow row (flowOf) and parameter byte offset. */
  private configureLeaves(): void {
    const { variableLeafStart, variableLeaves, leafParamStart, variables } = this.spn;
    const L = variableLeaves.length;
    const start = this.alloc(variableLeafStart.length * 4);
    const flowNode = this.alloc(L * 4);
    const param = this.alloc(L * 4);
    this.f64 = this.grow();
    const i32 = new Int32Array(this.k.memory.buffer);
    i32.set(variableLeafStart, start >> 2);
    for (let i = 0; i < L; i++) {
      i32[(flowNode >> 2) + i] = this.flowOf[variableLeaves[i]!]!;
      i32[(param >> 2) + i] = leafParamStart[variableLeaves[i]!]! * 8;
    }
    this.k.configureLeaves(variables.length, start, flowNode, param);
  }

  /**
   * Member s's weights in parent-list order (the downward pass's `w`), gathered when another
   * member's (or none) are there: once per member and request, or per draw set.
   */
  parentWeights(s: number): number {
    if (this.parentWeightMember !== s) {
      this.k.parentWeights(this.weightPtr[s]!, this.parentWeightPtr, this.spn.edgeCount);
      this.parentWeightMember = s;
    }
    return this.parentWeightPtr;
  }

  /** Copies member s's parameters into wasm memory (at creation, and after a caller overwrote them). */
  loadMember(s: number): void {
    if (this.parentWeightMember === s) this.parentWeightMember = -1;
    const { logWeights, leafLogParams } = this.spn.members[s]!;
    const { kind, leafParamStart, leafVariable, nodeCount } = this.spn;
    this.f64.set(logWeights, this.weightPtr[s]! >> 3);
    this.k.expInPlace(this.weightPtr[s]!, logWeights.length);
    const lp = this.leafPtr[s]! >> 3;
    this.f64.set(leafLogParams, lp);
    this.k.expInPlace(this.leafPtr[s]!, leafLogParams.length);
    // Gaussian slots stay as they are, except that each density is divided by the largest peak
    // among its variable's leaves, so that every leaf value is at most 1 (see evaluator.wat).
    const shift = new Float64Array(this.spn.variables.length).fill(-Infinity);
    for (let n = 0; n < nodeCount; n++) {
      if (kind[n] !== KIND_GAUSSIAN_LEAF) continue;
      const v = leafVariable[n]!;
      shift[v] = Math.max(shift[v]!, leafLogParams[leafParamStart[n]! + 3]!);
    }
    for (let n = 0; n < nodeCount; n++) {
      if (kind[n] !== KIND_GAUSSIAN_LEAF) continue;
      const p = leafParamStart[n]!;
      this.f64.set(leafLogParams.subarray(p, p + GAUSSIAN_SLOTS), lp + p);
      this.f64[lp + p + 3] = leafLogParams[p + 3]! - shift[leafVariable[n]!]!;
    }
    this.gaussianShift[s] = shift.map((x) => (x === -Infinity ? 0 : x));
  }

  private alloc(bytes: number): number {
    const at = this.top;
    this.top += Math.ceil(bytes / 16) * 16;
    return at;
  }

  private grow(): Float64Array {
    const have = this.k.memory.buffer.byteLength;
    if (this.top > have) this.k.memory.grow(Math.ceil((this.top - have) / PAGE));
    return new Float64Array(this.k.memory.buffer);
  }
}

/** The shared pass's plan and buffers: tables, a chunk's pattern ids, the downward codes with virtual products. */
export interface PatternBuffers {
  plan: PatternPlan;
  tablePtr: number;
  pidPtr: number;
  codePtr: number;
}

const instances = new WeakMap<CompiledSpn, WasmSpn | null>();

/** The model's evaluator instance (made on first use), or null where wasm is unavailable. */
export function wasmSpn(spn: CompiledSpn): WasmSpn | null {
  const module = spnWasmModule();
  if (module === null) return null;
  let instance = instances.get(spn);
  if (instance === undefined) {
    try {
      instance = new WasmSpn(spn, instantiate(module).exports as unknown as Kernels);
    } catch {
      instance = null; // e.g. memory refused: the JS evaluator answers instead
    }
    instances.set(spn, instance);
  }
  return instance;
}

/**
 * Tells the model's evaluator that member s's parameters were overwritten in place (the reused
 * member of the parameter-draw view): its wasm copy is reloaded, if it has one.
 */
export function refreshWasmMember(spn: CompiledSpn, s: number): void {
  instances.get(spn)?.loadMember(s);
}
