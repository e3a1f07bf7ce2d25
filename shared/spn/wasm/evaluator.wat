;; SPN evaluator kernels (built by `npm run build:wasm` into evaluator.wasm; design: docs/spn-wasm.md).
;;
;; Values are LINEAR (S_n, not log S_n), node-major over a chunk of R rows (R even):
;; values[n * R + r]. With every leaf value <= 1 (discrete probabilities, absent variables = 1,
;; gaussian densities divided by their variable's largest peak by the caller) and normalised
;; weights, dS_root/dS_n <= 1 for every node, so underflow anywhere costs at most
;; (operations x 2^-1074) absolutely at the root; the caller accepts a row only when its root is
;; >= 2^-900 and recomputes the others in log space. Sums are then dot products and products are
;; multiplications: no exp per edge, which is what a log-space pass pays. Arithmetic is plain
;; IEEE-754 (wasm forbids fused multiply-add), so results are bit-identical on every engine.
;;
;; Layout (byte addresses set by `configure`): i32 arrays kind[N], childStart[N + 1],
;; childIndex[E], leafVariable[N], leafParamStart[N]; i32 arrays varStates[V], varSlot[V] for the
;; marginals. Per member: f64 weights[E] and leaf parameters (discrete: K probabilities;
;; gaussian: mean, std, 1 / std, log normaliser minus the variable's largest one).
(module
  (memory (export "memory") 1)
  (global $nodeCount (mut i32) (i32.const 0))
  (global $kindPtr (mut i32) (i32.const 0))
  (global $startPtr (mut i32) (i32.const 0))
  (global $childPtr (mut i32) (i32.const 0))
  (global $leafVarPtr (mut i32) (i32.const 0))
  (global $leafParamPtr (mut i32) (i32.const 0))
  (global $varStatesPtr (mut i32) (i32.const 0))
  (global $varSlotPtr (mut i32) (i32.const 0))
  (global $parentStartPtr (mut i32) (i32.const 0))
  (global $parentMidPtr (mut i32) (i32.const 0))
  (global $parentNodePtr (mut i32) (i32.const 0))
  (global $parentEdgePtr (mut i32) (i32.const 0))
  (global $sumSlotPtr (mut i32) (i32.const 0))
  (global $flowOfPtr (mut i32) (i32.const 0))
  (global $varCount (mut i32) (i32.const 0))
  (global $varLeafStartPtr (mut i32) (i32.const 0))
  (global $varLeafFlowPtr (mut i32) (i32.const 0))
  (global $varLeafParamPtr (mut i32) (i32.const 0))
  (global $modePtr (mut i32) (i32.const 0))
  (global $classOfPtr (mut i32) (i32.const 0))
  (global $tableAtPtr (mut i32) (i32.const 0))
  (global $classCount (mut i32) (i32.const 0))
  (global $classVarStartPtr (mut i32) (i32.const 0))
  (global $classVarPtr (mut i32) (i32.const 0))
  (global $classStepPtr (mut i32) (i32.const 0))

  (func (export "configure")
    (param $n i32) (param $kind i32) (param $start i32) (param $child i32)
    (param $leafVar i32) (param $leafParam i32) (param $varStates i32) (param $varSlot i32)
    (global.set $nodeCount (local.get $n))
    (global.set $kindPtr (local.get $kind))
    (global.set $startPtr (local.get $start))
    (global.set $childPtr (local.get $child))
    (global.set $leafVarPtr (local.get $leafVar))
    (global.set $leafParamPtr (local.get $leafParam))
    (global.set $varStatesPtr (local.get $varStates))
    (global.set $varSlotPtr (local.get $varSlot)))

  ;; The downward pass's parent lists (i32 arrays, made with the flow buffers): node n's parents
  ;; are parentNode[parentStart[n] .. parentStart[n + 1]), sums before parentMid[n], products
  ;; after; parentEdge holds each one's edge index (its weight) in the CSR child arrays. A sum
  ;; parent is named by its sum slot (sumSlot[n]: its row of g), a product by its node index.
  ;; flowOf[n]: the node whose flow row holds n's flow: n itself, or for a leaf whose only parent is
  ;; a product, that product (its flow is the parent's exactly: 0 * S + flow_p), which downward
  ;; then does not gather and leafMarginals reads in its place.
  (func (export "configureParents") (param $start i32) (param $mid i32) (param $node i32) (param $edge i32) (param $sumSlot i32) (param $flowOf i32)
    (global.set $sumSlotPtr (local.get $sumSlot))
    (global.set $flowOfPtr (local.get $flowOf))
    (global.set $parentStartPtr (local.get $start))
    (global.set $parentMidPtr (local.get $mid))
    (global.set $parentNodePtr (local.get $node))
    (global.set $parentEdgePtr (local.get $edge)))

  ;; leafMarginals' per-variable leaf lists (i32 arrays, made with the flow buffers): variable v's
  ;; leaves are entries varLeafStart[v] .. varLeafStart[v + 1], in increasing node order; entry i
  ;; holds the node whose flow row is the leaf's (flowOf) and the byte offset of its parameters.
  (func (export "configureLeaves") (param $V i32) (param $start i32) (param $flowNode i32) (param $param i32)
    (global.set $varCount (local.get $V))
    (global.set $varLeafStartPtr (local.get $start))
    (global.set $varLeafFlowPtr (local.get $flowNode))
    (global.set $varLeafParamPtr (local.get $param)))

  ;; upwardShared's per-node arrays (wasm/pattern-plan.ts): mode[n] (0 compute, 1 gather from its
  ;; table, 2 skip), classOf[n] (its row of pattern ids) and tableAt[n] (its table's byte offset).
  ;; Class c's variables are classVar[classVarStart[c] .. classVarStart[c + 1]), with their steps
  ;; (radix * 8) in classStep: a row's pattern id in class c is the sum of code * step, code = the
  ;; variable's state, or its state count when absent.
  (func (export "configureShared") (param $mode i32) (param $classOf i32) (param $tableAt i32)
    (param $classes i32) (param $varStart i32) (param $var i32) (param $step i32)
    (global.set $modePtr (local.get $mode))
    (global.set $classOfPtr (local.get $classOf))
    (global.set $tableAtPtr (local.get $tableAt))
    (global.set $classCount (local.get $classes))
    (global.set $classVarStartPtr (local.get $varStart))
    (global.set $classVarPtr (local.get $var))
    (global.set $classStepPtr (local.get $step)))

  ;; pid[c * R + r] = the pattern id (times 8) of row r of the chunk's evidence in class c.
  (func (export "patternIds") (param $R i32) (param $ev i32) (param $pid i32)
    (local $c i32) (local $i i32) (local $end i32) (local $v i32) (local $step i32) (local $absent i32)
    (local $src i32) (local $at i32) (local $r i32) (local $x f64)
    (local $x01 v128) (local $x23 v128) (local $codes v128) (local $stepV v128) (local $absentV v128)
    (memory.fill (local.get $pid) (i32.const 0) (i32.shl (i32.mul (global.get $classCount) (local.get $R)) (i32.const 2)))
    (block $classesDone
      (loop $class
        (br_if $classesDone (i32.ge_u (local.get $c) (global.get $classCount)))
        (local.set $i (i32.load (i32.add (global.get $classVarStartPtr) (i32.shl (local.get $c) (i32.const 2)))))
        (local.set $end (i32.load offset=4 (i32.add (global.get $classVarStartPtr) (i32.shl (local.get $c) (i32.const 2)))))
        (block $varsDone
          (loop $var
            (br_if $varsDone (i32.ge_u (local.get $i) (local.get $end)))
            (local.set $v (i32.load (i32.add (global.get $classVarPtr) (i32.shl (local.get $i) (i32.const 2)))))
            (local.set $step (i32.load (i32.add (global.get $classStepPtr) (i32.shl (local.get $i) (i32.const 2)))))
            (local.set $absent (i32.load (i32.add (global.get $varStatesPtr) (i32.shl (local.get $v) (i32.const 2)))))
            (local.set $src (i32.add (local.get $ev) (i32.shl (i32.mul (local.get $v) (local.get $R)) (i32.const 3))))
            (local.set $at (i32.add (local.get $pid) (i32.shl (i32.mul (local.get $c) (local.get $R)) (i32.const 2))))
            (local.set $r (i32.const 0))
            (local.set $stepV (i32x4.splat (local.get $step)))
            (local.set $absentV (i32x4.splat (local.get $absent)))
            ;; four rows per step: the codes of two f64x2 loads packed into one i32x4 (an absent x is
            ;; NaN: its code is the state count), pid += code * step in four lanes at once
            (block $quadsDone
              (loop $quad
                (br_if $quadsDone (i32.gt_u (i32.add (local.get $r) (i32.const 4)) (local.get $R)))
                (local.set $x01 (v128.load (i32.add (local.get $src) (i32.shl (local.get $r) (i32.const 3)))))
                (local.set $x23 (v128.load offset=16 (i32.add (local.get $src) (i32.shl (local.get $r) (i32.const 3)))))
                (local.set $codes (v128.bitselect (local.get $absentV)
                  (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                    (i32x4.trunc_sat_f64x2_s_zero (local.get $x01)) (i32x4.trunc_sat_f64x2_s_zero (local.get $x23)))
                  (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27
                    (f64x2.ne (local.get $x01) (local.get $x01)) (f64x2.ne (local.get $x23) (local.get $x23)))))
                (v128.store (i32.add (local.get $at) (i32.shl (local.get $r) (i32.const 2)))
                  (i32x4.add (v128.load (i32.add (local.get $at) (i32.shl (local.get $r) (i32.const 2))))
                    (i32x4.mul (local.get $codes) (local.get $stepV))))
                (local.set $r (i32.add (local.get $r) (i32.const 4)))
                (br $quad)))
            (block $rowsDone
              (loop $row
                (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $R)))
                (local.set $x (f64.load (i32.add (local.get $src) (i32.shl (local.get $r) (i32.const 3)))))
                (i32.store (i32.add (local.get $at) (i32.shl (local.get $r) (i32.const 2)))
                  (i32.add (i32.load (i32.add (local.get $at) (i32.shl (local.get $r) (i32.const 2))))
                    (i32.mul (local.get $step)
                      (select (local.get $absent) (i32.trunc_sat_f64_s (local.get $x)) (f64.ne (local.get $x) (local.get $x))))))
                (local.set $r (i32.add (local.get $r) (i32.const 1)))
                (br $row)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $var)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $class))))

  ;; pw[i] = w[parentEdge[i]] for the E parent-list entries: a member's weights in the order in
  ;; which the downward pass reads them (one sequential load per parent instead of two dependent ones).
  (func (export "parentWeights") (param $w i32) (param $pw i32) (param $count i32)
    (local $ep i32) (local $end i32)
    (local.set $ep (global.get $parentEdgePtr))
    (local.set $end (i32.add (local.get $ep) (i32.shl (local.get $count) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $ep) (local.get $end)))
        (f64.store (local.get $pw) (f64.load (i32.add (local.get $w) (i32.shl (i32.load (local.get $ep)) (i32.const 3)))))
        (local.set $ep (i32.add (local.get $ep) (i32.const 4)))
        (local.set $pw (i32.add (local.get $pw) (i32.const 8)))
        (br $next))))

  ;; exp(x), about 1 ulp: x = k ln2 + r, |r| <= ln2 / 2 (ln2 split so k * LN2_HI is exact),
  ;; exp(r) by its Taylor series to degree 13 (truncation < 4e-18 relative), times 2^k built
  ;; from the exponent bits. exp(-inf) = 0 exactly, which zero weights and parameters rely on.
  (func $exp (export "exp") (param $x f64) (result f64)
    (local $k f64) (local $r f64) (local $p f64) (local $ki i32)
    (if (f64.ne (local.get $x) (local.get $x)) (then (return (local.get $x))))
    (if (f64.gt (local.get $x) (f64.const 709.782712893384)) (then (return (f64.const inf))))
    (if (f64.lt (local.get $x) (f64.const -745.1332191019412)) (then (return (f64.const 0))))
    (local.set $k (f64.nearest (f64.mul (local.get $x) (f64.const 1.4426950408889634))))
    (local.set $r (f64.sub
      (f64.sub (local.get $x) (f64.mul (local.get $k) (f64.const 6.93147180369123816490e-01)))
      (f64.mul (local.get $k) (f64.const 1.90821492927058770002e-10))))
    (local.set $p (f64.const 1.6059043836821613e-10))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 2.0876756987868100e-9)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 2.5052108385441720e-8)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 2.7557319223985888e-7)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 2.7557319223985893e-6)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 2.4801587301587302e-5)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 1.9841269841269841e-4)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 1.3888888888888889e-3)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 8.3333333333333332e-3)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 4.1666666666666664e-2)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 0.16666666666666666)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 0.5)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 1)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $r)) (f64.const 1)))
    (local.set $ki (i32.trunc_sat_f64_s (local.get $k)))
    ;; 2^k must be a normal number: scale subnormal results in two steps, 2^1024 as 2^1023 * 2.
    (if (i32.lt_s (local.get $ki) (i32.const -1020))
      (then (return (f64.mul
        (f64.mul (local.get $p) (call $pow2 (i32.add (local.get $ki) (i32.const 200))))
        (call $pow2 (i32.const -200))))))
    (if (i32.gt_s (local.get $ki) (i32.const 1023))
      (then (return (f64.mul (f64.mul (local.get $p) (call $pow2 (i32.const 1023))) (f64.const 2)))))
    (f64.mul (local.get $p) (call $pow2 (local.get $ki))))

  ;; 2^k for -1022 <= k <= 1023, exactly.
  (func $pow2 (param $k i32) (result f64)
    (f64.reinterpret_i64 (i64.shl (i64.extend_i32_s (i32.add (local.get $k) (i32.const 1023))) (i64.const 52))))

  ;; log(x), about 1 ulp: x = 2^e m with m in (sqrt(1/2), sqrt(2)], f = m - 1 (exact), s = f / (2 + f),
  ;; log m = 2 atanh s = 2 (s + s^3/3 + ... + s^21/21) (|s| <= 0.172: truncation < 1e-18 relative).
  (func $log (export "log") (param $x f64) (result f64)
    (local $bits i64) (local $e i32) (local $m f64) (local $f f64) (local $s f64) (local $z f64) (local $p f64)
    (if (i32.eqz (f64.gt (local.get $x) (f64.const 0)))
      (then (return (select (f64.const -inf) (f64.const nan) (f64.eq (local.get $x) (f64.const 0))))))
    (if (f64.eq (local.get $x) (f64.const inf)) (then (return (local.get $x))))
    (if (f64.lt (local.get $x) (f64.const 2.2250738585072014e-308))
      (then
        (local.set $x (f64.mul (local.get $x) (f64.const 18014398509481984))) ;; 2^54
        (local.set $e (i32.const -54))))
    (local.set $bits (i64.reinterpret_f64 (local.get $x)))
    (local.set $e (i32.add (local.get $e)
      (i32.sub (i32.wrap_i64 (i64.shr_u (local.get $bits) (i64.const 52))) (i32.const 1023))))
    (local.set $m (f64.reinterpret_i64 (i64.or
      (i64.and (local.get $bits) (i64.const 0x000fffffffffffff))
      (i64.const 0x3ff0000000000000))))
    (if (f64.gt (local.get $m) (f64.const 1.4142135623730951))
      (then
        (local.set $m (f64.mul (local.get $m) (f64.const 0.5)))
        (local.set $e (i32.add (local.get $e) (i32.const 1)))))
    (local.set $f (f64.sub (local.get $m) (f64.const 1)))
    (local.set $s (f64.div (local.get $f) (f64.add (f64.const 2) (local.get $f))))
    (local.set $z (f64.mul (local.get $s) (local.get $s)))
    (local.set $p (f64.const 0.047619047619047616))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $z)) (f64.const 0.052631578947368418)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $z)) (f64.const 0.058823529411764705)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $z)) (f64.const 0.066666666666666666)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $z)) (f64.const 0.076923076923076927)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $z)) (f64.const 0.090909090909090912)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $z)) (f64.const 0.11111111111111110)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $z)) (f64.const 0.14285714285714285)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $z)) (f64.const 0.20000000000000001)))
    (local.set $p (f64.add (f64.mul (local.get $p) (local.get $z)) (f64.const 0.33333333333333331)))
    ;; e ln2 + (2s + 2s z p), ln2 split so that e * LN2_HI is exact
    (f64.add
      (f64.mul (f64.convert_i32_s (local.get $e)) (f64.const 6.93147180369123816490e-01))
      (f64.add
        (f64.add (f64.mul (f64.const 2) (local.get $s))
          (f64.mul (f64.mul (f64.mul (f64.const 2) (local.get $s)) (local.get $z)) (local.get $p)))
        (f64.mul (f64.convert_i32_s (local.get $e)) (f64.const 1.90821492927058770002e-10)))))

  ;; x[i] = exp(x[i]) for count doubles at ptr: log-space parameters to linear ones, once per model.
  (func (export "expInPlace") (param $ptr i32) (param $count i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $ptr) (i32.shl (local.get $count) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $ptr) (local.get $end)))
        (f64.store (local.get $ptr) (call $exp (f64.load (local.get $ptr))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 8)))
        (br $next))))

  ;; out[r] = log(values[root * R + r]) for the R rows of a chunk.
  (func (export "logRoot") (param $R i32) (param $val i32) (param $out i32)
    (local $p i32) (local $end i32)
    (local.set $p (i32.add (local.get $val)
      (i32.mul (i32.sub (global.get $nodeCount) (i32.const 1)) (i32.shl (local.get $R) (i32.const 3)))))
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $R) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (f64.store (local.get $out) (call $log (f64.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (br $next))))

  ;; Upward pass over a chunk of R rows. ev: evidence, variable-major (ev[v * R + r], NaN = absent);
  ;; val: the values written; w, lp: the member's linear weights and leaf parameters.
  (func (export "upward") (param $R i32) (param $ev i32) (param $val i32) (param $w i32) (param $lp i32)
    (local $n i32) (local $kind i32) (local $rowBytes i32) (local $out i32)
    (local.set $rowBytes (i32.shl (local.get $R) (i32.const 3)))
    (local.set $out (local.get $val))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $n) (global.get $nodeCount)))
        (local.set $kind (i32.load (i32.add (global.get $kindPtr) (i32.shl (local.get $n) (i32.const 2)))))
        (if (i32.eq (local.get $kind) (i32.const 3))
          (then (call $sumNode (local.get $n) (local.get $rowBytes) (local.get $val) (local.get $out) (local.get $w)))
          (else
            (if (i32.eq (local.get $kind) (i32.const 2))
              (then (call $productNode (local.get $n) (local.get $rowBytes) (local.get $val) (local.get $out)))
              (else (call $leafNode (local.get $n) (local.get $kind) (local.get $rowBytes) (local.get $ev)
                (local.get $out) (local.get $lp))))))
        (local.set $out (i32.add (local.get $out) (local.get $rowBytes)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $next))))

;; upward for a batch whose small-scope nodes have per-pattern tables (wasm/pattern-plan.ts): a
  ;; node in mode 1 copies its value for each row from table + tableAt[n] at the row's pattern id
  ;; (pid: i32 byte offsets, one row of R per class, classOf[n]), a node in mode 2 is left alone
  ;; (nothing reads it), the others are computed as in upward.
  (func (export "upwardShared") (param $R i32) (param $ev i32) (param $val i32) (param $w i32) (param $lp i32)
    (param $table i32) (param $pid i32)
    (local $n i32) (local $kind i32) (local $rowBytes i32) (local $out i32) (local $mode i32)
    (local $t i32) (local $p i32) (local $o i32) (local $end i32)
    (local.set $rowBytes (i32.shl (local.get $R) (i32.const 3)))
    (local.set $out (local.get $val))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $n) (global.get $nodeCount)))
        (local.set $mode (i32.load (i32.add (global.get $modePtr) (i32.shl (local.get $n) (i32.const 2)))))
        (if (i32.eq (local.get $mode) (i32.const 1))
          (then
            (local.set $t (i32.add (local.get $table)
              (i32.load (i32.add (global.get $tableAtPtr) (i32.shl (local.get $n) (i32.const 2))))))
            (local.set $p (i32.add (local.get $pid) (i32.mul (i32.shl (local.get $R) (i32.const 2))
              (i32.load (i32.add (global.get $classOfPtr) (i32.shl (local.get $n) (i32.const 2)))))))
            (local.set $o (local.get $out))
            (local.set $end (i32.add (local.get $out) (local.get $rowBytes)))
            (block $rowsDone
              (loop $row
                (br_if $rowsDone (i32.ge_u (local.get $o) (local.get $end)))
                (f64.store (local.get $o) (f64.load (i32.add (local.get $t) (i32.load (local.get $p)))))
                (local.set $p (i32.add (local.get $p) (i32.const 4)))
                (local.set $o (i32.add (local.get $o) (i32.const 8)))
                (br $row))))
          (else
            (if (i32.eqz (local.get $mode))
              (then
                (local.set $kind (i32.load (i32.add (global.get $kindPtr) (i32.shl (local.get $n) (i32.const 2)))))
                (if (i32.eq (local.get $kind) (i32.const 3))
                  (then (call $sumNode (local.get $n) (local.get $rowBytes) (local.get $val) (local.get $out) (local.get $w)))
                  (else
                    (if (i32.eq (local.get $kind) (i32.const 2))
                      (then (call $productNode (local.get $n) (local.get $rowBytes) (local.get $val) (local.get $out)))
                      (else (call $leafNode (local.get $n) (local.get $kind) (local.get $rowBytes) (local.get $ev)
                        (local.get $out) (local.get $lp))))))))))
        (local.set $out (i32.add (local.get $out) (local.get $rowBytes)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $next))))

  ;; A leaf's values: its parameter for the observed state, its (scaled) density at the observed
  ;; number, 1 when the variable is absent (which marginalises it). A two-state leaf takes two rows
  ;; at a time by lane masks (x = 0, x = 1, x absent), a discrete leaf one row at a time by select:
  ;; neither branches on the row's data (a random 20 % of absent cells mispredicted a branch per
  ;; row), and both copy the parameter, so the values are those of the plain lookup bit for bit.
  (func $leafNode (param $n i32) (param $kind i32) (param $rowBytes i32) (param $ev i32) (param $out i32) (param $lp i32)
    (local $p i32) (local $end i32) (local $params i32) (local $x f64) (local $z f64)
    (local $mean f64) (local $invStd f64) (local $logNorm f64) (local $v i32)
    (local $xv v128) (local $p0 v128) (local $p1 v128)
    (local.set $v (i32.load (i32.add (global.get $leafVarPtr) (i32.shl (local.get $n) (i32.const 2)))))
    (local.set $p (i32.add (local.get $ev) (i32.mul (local.get $rowBytes) (local.get $v))))
    (local.set $end (i32.add (local.get $p) (local.get $rowBytes)))
    (local.set $params (i32.add (local.get $lp) (i32.shl
      (i32.load (i32.add (global.get $leafParamPtr) (i32.shl (local.get $n) (i32.const 2)))) (i32.const 3))))
    (if (i32.eqz (local.get $kind))
      (then
        (if (i32.eq (i32.load (i32.add (global.get $varStatesPtr) (i32.shl (local.get $v) (i32.const 2)))) (i32.const 2))
          (then
            (local.set $p0 (f64x2.splat (f64.load (local.get $params))))
            (local.set $p1 (f64x2.splat (f64.load offset=8 (local.get $params))))
            (block $pairsDone
              (loop $pair
                (br_if $pairsDone (i32.ge_u (local.get $p) (local.get $end)))
                (local.set $xv (v128.load (local.get $p)))
                (v128.store (local.get $out) (v128.or
                  (v128.or
                    (v128.and (f64x2.ne (local.get $xv) (local.get $xv)) (v128.const f64x2 1 1))
                    (v128.and (f64x2.eq (local.get $xv) (v128.const f64x2 0 0)) (local.get $p0)))
                  (v128.and (f64x2.eq (local.get $xv) (v128.const f64x2 1 1)) (local.get $p1))))
                (local.set $p (i32.add (local.get $p) (i32.const 16)))
                (local.set $out (i32.add (local.get $out) (i32.const 16)))
                (br $pair)))
            (return)))
        (block $rowsDone
          (loop $row
            (br_if $rowsDone (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $x (f64.load (local.get $p)))
            ;; an absent x (NaN) truncates to 0: the load stays inside the leaf's parameters
            (f64.store (local.get $out) (select
              (f64.const 1)
              (f64.load (i32.add (local.get $params) (i32.shl (i32.trunc_sat_f64_s (local.get $x)) (i32.const 3))))
              (f64.ne (local.get $x) (local.get $x))))
            (local.set $p (i32.add (local.get $p) (i32.const 8)))
            (local.set $out (i32.add (local.get $out) (i32.const 8)))
            (br $row)))
        (return)))
    (local.set $mean (f64.load (local.get $params)))
    (local.set $invStd (f64.load offset=16 (local.get $params)))
    (local.set $logNorm (f64.load offset=24 (local.get $params)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $x (f64.load (local.get $p)))
        (f64.store (local.get $out)
          (if (result f64) (f64.ne (local.get $x) (local.get $x))
            (then (f64.const 1))
            (else
              (local.set $z (f64.mul (f64.sub (local.get $x) (local.get $mean)) (local.get $invStd)))
              (call $exp (f64.sub (local.get $logNorm)
                (f64.mul (f64.mul (f64.const 0.5) (local.get $z)) (local.get $z)))))))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (br $next))))

  ;; out = sum over edges e of w[e] * values[child e]: blocks of 8 rows keep four f64x2
  ;; accumulators in registers across the edge loop (one 64-byte line per child and block), then
  ;; blocks of 2 rows for the rest of the chunk.
  (func $sumNode (param $n i32) (param $rowBytes i32) (param $val i32) (param $out i32) (param $w i32)
    (local $from i32) (local $end i32) (local $off i32) (local $cp i32) (local $wp i32) (local $src i32)
    (local $wv v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $from (i32.load (i32.add (global.get $startPtr) (i32.shl (local.get $n) (i32.const 2)))))
    (local.set $end (i32.add (global.get $childPtr) (i32.shl
      (i32.load offset=4 (i32.add (global.get $startPtr) (i32.shl (local.get $n) (i32.const 2)))) (i32.const 2))))
    (block $blocks8
      (loop $block8
        (br_if $blocks8 (i32.gt_u (i32.add (local.get $off) (i32.const 64)) (local.get $rowBytes)))
        (local.set $a0 (v128.const f64x2 0 0))
        (local.set $a1 (v128.const f64x2 0 0))
        (local.set $a2 (v128.const f64x2 0 0))
        (local.set $a3 (v128.const f64x2 0 0))
        (local.set $cp (i32.add (global.get $childPtr) (i32.shl (local.get $from) (i32.const 2))))
        (local.set $wp (i32.add (local.get $w) (i32.shl (local.get $from) (i32.const 3))))
        (block $edges
          (loop $edge
            (br_if $edges (i32.ge_u (local.get $cp) (local.get $end)))
            (local.set $src (i32.add (i32.add (local.get $val)
              (i32.mul (i32.load (local.get $cp)) (local.get $rowBytes))) (local.get $off)))
            (local.set $wv (f64x2.splat (f64.load (local.get $wp))))
            (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $wv) (v128.load (local.get $src)))))
            (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $wv) (v128.load offset=16 (local.get $src)))))
            (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $wv) (v128.load offset=32 (local.get $src)))))
            (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $wv) (v128.load offset=48 (local.get $src)))))
            (local.set $cp (i32.add (local.get $cp) (i32.const 4)))
            (local.set $wp (i32.add (local.get $wp) (i32.const 8)))
            (br $edge)))
        (local.set $src (i32.add (local.get $out) (local.get $off)))
        (v128.store (local.get $src) (local.get $a0))
        (v128.store offset=16 (local.get $src) (local.get $a1))
        (v128.store offset=32 (local.get $src) (local.get $a2))
        (v128.store offset=48 (local.get $src) (local.get $a3))
        (local.set $off (i32.add (local.get $off) (i32.const 64)))
        (br $block8)))
    (block $blocks2
      (loop $block2
        (br_if $blocks2 (i32.ge_u (local.get $off) (local.get $rowBytes)))
        (local.set $a0 (v128.const f64x2 0 0))
        (local.set $cp (i32.add (global.get $childPtr) (i32.shl (local.get $from) (i32.const 2))))
        (local.set $wp (i32.add (local.get $w) (i32.shl (local.get $from) (i32.const 3))))
        (block $edges
          (loop $edge
            (br_if $edges (i32.ge_u (local.get $cp) (local.get $end)))
            (local.set $src (i32.add (i32.add (local.get $val)
              (i32.mul (i32.load (local.get $cp)) (local.get $rowBytes))) (local.get $off)))
            (local.set $a0 (f64x2.add (local.get $a0)
              (f64x2.mul (f64x2.splat (f64.load (local.get $wp))) (v128.load (local.get $src)))))
            (local.set $cp (i32.add (local.get $cp) (i32.const 4)))
            (local.set $wp (i32.add (local.get $wp) (i32.const 8)))
            (br $edge)))
        (v128.store (i32.add (local.get $out) (local.get $off)) (local.get $a0))
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br $block2))))

  ;; out = product of the children's values, in the same blocks as sumNode.
  (func $productNode (param $n i32) (param $rowBytes i32) (param $val i32) (param $out i32)
    (local $from i32) (local $end i32) (local $off i32) (local $cp i32) (local $src i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $from (i32.add (global.get $childPtr) (i32.shl
      (i32.load (i32.add (global.get $startPtr) (i32.shl (local.get $n) (i32.const 2)))) (i32.const 2))))
    (local.set $end (i32.add (global.get $childPtr) (i32.shl
      (i32.load offset=4 (i32.add (global.get $startPtr) (i32.shl (local.get $n) (i32.const 2)))) (i32.const 2))))
    (block $blocks8
      (loop $block8
        (br_if $blocks8 (i32.gt_u (i32.add (local.get $off) (i32.const 64)) (local.get $rowBytes)))
        (local.set $a0 (v128.const f64x2 1 1))
        (local.set $a1 (v128.const f64x2 1 1))
        (local.set $a2 (v128.const f64x2 1 1))
        (local.set $a3 (v128.const f64x2 1 1))
        (local.set $cp (local.get $from))
        (block $edges
          (loop $edge
            (br_if $edges (i32.ge_u (local.get $cp) (local.get $end)))
            (local.set $src (i32.add (i32.add (local.get $val)
              (i32.mul (i32.load (local.get $cp)) (local.get $rowBytes))) (local.get $off)))
            (local.set $a0 (f64x2.mul (local.get $a0) (v128.load (local.get $src))))
            (local.set $a1 (f64x2.mul (local.get $a1) (v128.load offset=16 (local.get $src))))
            (local.set $a2 (f64x2.mul (local.get $a2) (v128.load offset=32 (local.get $src))))
            (local.set $a3 (f64x2.mul (local.get $a3) (v128.load offset=48 (local.get $src))))
            (local.set $cp (i32.add (local.get $cp) (i32.const 4)))
            (br $edge)))
        (local.set $src (i32.add (local.get $out) (local.get $off)))
        (v128.store (local.get $src) (local.get $a0))
        (v128.store offset=16 (local.get $src) (local.get $a1))
        (v128.store offset=32 (local.get $src) (local.get $a2))
        (v128.store offset=48 (local.get $src) (local.get $a3))
        (local.set $off (i32.add (local.get $off) (i32.const 64)))
        (br $block8)))
    (block $blocks2
      (loop $block2
        (br_if $blocks2 (i32.ge_u (local.get $off) (local.get $rowBytes)))
        (local.set $a0 (v128.const f64x2 1 1))
        (local.set $cp (local.get $from))
        (block $edges
          (loop $edge
            (br_if $edges (i32.ge_u (local.get $cp) (local.get $end)))
            (local.set $a0 (f64x2.mul (local.get $a0) (v128.load (i32.add (i32.add (local.get $val)
              (i32.mul (i32.load (local.get $cp)) (local.get $rowBytes))) (local.get $off)))))
            (local.set $cp (i32.add (local.get $cp) (i32.const 4)))
            (br $edge)))
        (v128.store (i32.add (local.get $out) (local.get $off)) (local.get $a0))
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br $block2))))

  ;; Downward pass (Darwiche 2003) in normalised form over the chunk whose upward values are at
  ;; val: flow[n] = (dS_root/dS_n) S_n / S_root, 1 at the root (0 for a row whose root is 0). A sum
  ;; p passes flow_p w_pc S_c / S_p to child c, a product passes flow_p to every child. Pulled, not
  ;; pushed: each node gathers from its parents (parent lists by configureParents: sum parents
  ;; first, then products, each by decreasing index) with its accumulators in registers, so
  ;; flow[c] = S_c * (sum over sum parents of w_pc g_p) + (sum over product parents of flow_p), with
  ;; g_p = flow_p / S_p (0 where S_p = 0) kept per sum slot at g (sumSlot, configureParents). Written once per node and row,
  ;; instead of a load and a store per edge; nodes come in decreasing index order, so parents first.
  ;; On a batch chunk (R >= 8) a node with 1-6 sum parents and no product parent, or 1-6 product
  ;; parents and no sum parent (in region graphs: nearly every node), goes to pullSums{k} /
  ;; pullProducts{k}: its k weights stay in registers and the rows stream past them; any other node
  ;; to pullRows8 (blocks of 8 rows); what is left, and single rows (R = 2), in blocks of 2 here.
  ;; All of them do the same operations in the same order, so a row's bits do not depend on its batch. w: the member's weights in parent-list order (parentWeights), read in sequence.
  (func (export "downward") (param $R i32) (param $val i32) (param $flow i32) (param $g i32) (param $w i32) (param $codes i32)
    (local $rowBytes i32) (local $n i32) (local $nodeOff i32) (local $off i32)
    (local $p0 i32) (local $pm i32) (local $p1 i32) (local $pp i32) (local $src i32) (local $code i32) (local $gk i32)
    (local $a v128)
    (local.set $rowBytes (i32.shl (local.get $R) (i32.const 3)))
    (local.set $n (i32.sub (global.get $nodeCount) (i32.const 1)))
    (local.set $nodeOff (i32.mul (local.get $n) (local.get $rowBytes)))
    (block $rootDone
      (loop $root
        (br_if $rootDone (i32.ge_u (local.get $off) (local.get $rowBytes)))
        (v128.store (i32.add (i32.add (local.get $flow) (local.get $nodeOff)) (local.get $off))
          (v128.and (v128.const f64x2 1 1)
            (f64x2.gt (v128.load (i32.add (i32.add (local.get $val) (local.get $nodeOff)) (local.get $off)))
              (v128.const f64x2 0 0))))
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br $root)))
    (block $nodesDone
      (loop $node
        (br_if $nodesDone (i32.lt_s (local.get $n) (i32.const 0)))
        (local.set $nodeOff (i32.mul (local.get $n) (local.get $rowBytes)))
        (local.set $code (i32.load (i32.add (local.get $codes) (i32.shl (local.get $n) (i32.const 2)))))
        (local.set $gk (i32.and (local.get $code) (i32.const 31)))
        (if (local.get $gk)
          (then
            (local.set $p0 (i32.load (i32.add (global.get $parentStartPtr) (i32.shl (local.get $n) (i32.const 2)))))
            (local.set $pm (i32.load (i32.add (global.get $parentMidPtr) (i32.shl (local.get $n) (i32.const 2)))))
            (local.set $p1 (i32.load offset=4 (i32.add (global.get $parentStartPtr) (i32.shl (local.get $n) (i32.const 2)))))
            (local.set $off (i32.const 0))
            ;; codes 1-18 stream on a batch chunk; a virtual product (7-12) always, having no S_n in val
            (if (i32.and (i32.lt_u (local.get $gk) (i32.const 19))
                  (i32.or (i32.ge_u (local.get $rowBytes) (i32.const 64)) (i32.le_u (i32.sub (local.get $gk) (i32.const 7)) (i32.const 5))))
              (then
                (local.set $src (i32.add (global.get $childPtr) (i32.shl
                  (i32.load (i32.add (global.get $startPtr) (i32.shl (local.get $n) (i32.const 2)))) (i32.const 2))))
                (block $kDone (block $k18 (block $k17 (block $k16 (block $k15 (block $k14 (block $k13 (block $k12 (block $k11 (block $k10 (block $k9 (block $k8 (block $k7 (block $k6 (block $k5 (block $k4 (block $k3 (block $k2 (block $k1 
                    (br_table $k1 $k2 $k3 $k4 $k5 $k6 $k7 $k8 $k9 $k10 $k11 $k12 $k13 $k14 $k15 $k16 $k17 $k18 $k18 (i32.sub (local.get $gk) (i32.const 1))))
                    (call $pullSums1 (local.get $rowBytes) (local.get $nodeOff) (local.get $p0) (local.get $val) (local.get $flow) (local.get $g) (local.get $w))
                    (br $kDone))
                    (call $pullSums2 (local.get $rowBytes) (local.get $nodeOff) (local.get $p0) (local.get $val) (local.get $flow) (local.get $g) (local.get $w))
                    (br $kDone))
                    (call $pullSums3 (local.get $rowBytes) (local.get $nodeOff) (local.get $p0) (local.get $val) (local.get $flow) (local.get $g) (local.get $w))
                    (br $kDone))
                    (call $pullSums4 (local.get $rowBytes) (local.get $nodeOff) (local.get $p0) (local.get $val) (local.get $flow) (local.get $g) (local.get $w))
                    (br $kDone))
                    (call $pullSums5 (local.get $rowBytes) (local.get $nodeOff) (local.get $p0) (local.get $val) (local.get $flow) (local.get $g) (local.get $w))
                    (br $kDone))
                    (call $pullSums6 (local.get $rowBytes) (local.get $nodeOff) (local.get $p0) (local.get $val) (local.get $flow) (local.get $g) (local.get $w))
                    (br $kDone))
                    (call $pullSumsV1 (local.get $rowBytes) (local.get $nodeOff) (local.get $p0) (local.get $val) (local.get $flow) (local.get $g) (local.get $w)
                      (i32.load (local.get $src)) (i32.load offset=4 (local.get $src)))
                    (br $kDone))
                    (call $pullSumsV2 (local.get $rowBytes) (local.get $nodeOff) (local.get $p0) (local.get $val) (local.get $flow) (local.get $g) (local.get $w)
                      (i32.load (local.get $src)) (i32.load offset=4 (local.get $src)))
                    (br $kDone))
                    (call $pullSumsV3 (local.get $rowBytes) (local.get $nodeOff) (local.get $p0) (local.get $val) (local.get $flow) (local.get $g) (local.get $w)
                      (i32.load (local.get $src)) (i32.load offset=4 (local.get $src)))
                    (br $kDone))
                    (call $pullSumsV4 (local.get $rowBytes) (local.get $nodeOff) (local.get $p0) (local.get $val) (local.get $flow) (local.get $g) (local.get $w)
                      (i32.load (local.get $src)) (i32.load offset=4 (local.get $src)))
                    (br $kDone))
                    (call $pullSumsV5 (local.get $rowBytes) (local.get $nodeOff) (local.get $p0) (local.get $val) (local.get $flow) (local.get $g) (local.get $w)
                      (i32.load (local.get $src)) (i32.load offset=4 (local.get $src)))
                    (br $kDone))
                    (call $pullSumsV6 (local.get $rowBytes) (local.get $nodeOff) (local.get $p0) (local.get $val) (local.get $flow) (local.get $g) (local.get $w)
                      (i32.load (local.get $src)) (i32.load offset=4 (local.get $src)))
                    (br $kDone))
                    (call $pullProducts1 (local.get $rowBytes) (local.get $nodeOff) (local.get $pm) (local.get $flow))
                    (br $kDone))
                    (call $pullProducts2 (local.get $rowBytes) (local.get $nodeOff) (local.get $pm) (local.get $flow))
                    (br $kDone))
                    (call $pullProducts3 (local.get $rowBytes) (local.get $nodeOff) (local.get $pm) (local.get $flow))
                    (br $kDone))
                    (call $pullProducts4 (local.get $rowBytes) (local.get $nodeOff) (local.get $pm) (local.get $flow))
                    (br $kDone))
                    (call $pullProducts5 (local.get $rowBytes) (local.get $nodeOff) (local.get $pm) (local.get $flow))
                    (br $kDone))
                    (call $pullProducts6 (local.get $rowBytes) (local.get $nodeOff) (local.get $pm) (local.get $flow))
                    )
                (local.set $off (local.get $rowBytes)))
              (else (if (i32.ge_u (local.get $rowBytes) (i32.const 64))
                (then (local.set $off (call $pullRows8 (local.get $rowBytes) (local.get $nodeOff)
                  (local.get $p0) (local.get $pm) (local.get $p1) (local.get $val) (local.get $flow) (local.get $g) (local.get $w)))))))
            (block $blocksDone
              (loop $block
                (br_if $blocksDone (i32.ge_u (local.get $off) (local.get $rowBytes)))
                (local.set $a (v128.const f64x2 0 0))
                (local.set $pp (local.get $p0))
                (block $sumsDone
                  (loop $sumEdge
                    (br_if $sumsDone (i32.ge_u (local.get $pp) (local.get $pm)))
                    (local.set $src (i32.add (i32.add (local.get $g) (i32.mul (local.get $rowBytes)
                      (i32.load (i32.add (global.get $parentNodePtr) (i32.shl (local.get $pp) (i32.const 2)))))) (local.get $off)))
                    (local.set $a (f64x2.add (local.get $a) (f64x2.mul
                      (f64x2.splat (f64.load (i32.add (local.get $w) (i32.shl (local.get $pp) (i32.const 3)))))
                      (v128.load (local.get $src)))))
                    (local.set $pp (i32.add (local.get $pp) (i32.const 1)))
                    (br $sumEdge)))
                ;; a := a * S_n, then the product parents' flows are added to it (as in pullRows8)
                (local.set $src (i32.add (local.get $nodeOff) (local.get $off)))
                (if (i32.lt_u (local.get $p0) (local.get $pm))
                  (then (local.set $a (f64x2.mul (local.get $a) (v128.load (i32.add (local.get $val) (local.get $src)))))))
                (block $productsDone
                  (loop $productEdge
                    (br_if $productsDone (i32.ge_u (local.get $pp) (local.get $p1)))
                    (local.set $a (f64x2.add (local.get $a) (v128.load (i32.add (i32.add (local.get $flow) (i32.mul (local.get $rowBytes)
                      (i32.load (i32.add (global.get $parentNodePtr) (i32.shl (local.get $pp) (i32.const 2)))))) (local.get $off)))))
                    (local.set $pp (i32.add (local.get $pp) (i32.const 1)))
                    (br $productEdge)))
                (v128.store (i32.add (local.get $flow) (local.get $src)) (local.get $a))
                (local.set $off (i32.add (local.get $off) (i32.const 16)))
                (br $block)))))
        ;; a sum's g = flow / S where S > 0, else 0 (the mask also clears 0/0), for its children
        (if (i32.and (local.get $code) (i32.const 32))
          (then
            (local.set $off (i32.const 0))
            (local.set $pp (i32.add (local.get $g) (i32.mul (local.get $rowBytes)
              (i32.load (i32.add (global.get $sumSlotPtr) (i32.shl (local.get $n) (i32.const 2)))))))
            (block $quotientsDone
              (loop $quotient
                (br_if $quotientsDone (i32.ge_u (local.get $off) (local.get $rowBytes)))
                (local.set $src (i32.add (local.get $nodeOff) (local.get $off)))
                (local.set $a (v128.load (i32.add (local.get $val) (local.get $src))))
                (v128.store (i32.add (local.get $pp) (local.get $off))
                  (v128.and (f64x2.div (v128.load (i32.add (local.get $flow) (local.get $src))) (local.get $a))
                    (f64x2.gt (local.get $a) (v128.const f64x2 0 0))))
                (local.set $off (i32.add (local.get $off) (i32.const 16)))
                (br $quotient)))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $node))))

  ;; downward's gathering for one node on its rows in blocks of 8 (four f64x2 accumulators in
  ;; registers across the parent loops), from row 0 while 8 rows remain; returns the byte offset
  ;; reached (the caller does the rest in 2-row blocks). Parents are taken two at a time (fewer
  ;; loop tests; the additions stay in list order: (a + x_1) + x_2), then the odd one. One call per
  ;; node (it was one per block; the former 16-row block had V8 spill an accumulator to the stack).
  (func $pullRows8 (param $rowBytes i32) (param $nodeOff i32) (param $p0 i32) (param $pm i32) (param $p1 i32)
    (param $val i32) (param $flow i32) (param $g i32) (param $w i32) (result i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $wv v128) (local $wv2 v128)
    (local $src i32) (local $src2 i32) (local $np i32) (local $ep i32) (local $end i32) (local $off i32)
    (block $blocksDone
      (loop $block
        (br_if $blocksDone (i32.gt_u (i32.add (local.get $off) (i32.const 64)) (local.get $rowBytes)))
        (local.set $a0 (v128.const f64x2 0 0))
        (local.set $a1 (v128.const f64x2 0 0))
        (local.set $a2 (v128.const f64x2 0 0))
        (local.set $a3 (v128.const f64x2 0 0))
        (local.set $np (i32.add (global.get $parentNodePtr) (i32.shl (local.get $p0) (i32.const 2))))
        (local.set $ep (i32.add (local.get $w) (i32.shl (local.get $p0) (i32.const 3))))
        (local.set $end (i32.add (global.get $parentNodePtr) (i32.shl (local.get $pm) (i32.const 2))))
        (block $sumPairsDone
          (loop $sumPair
            (br_if $sumPairsDone (i32.gt_u (i32.add (local.get $np) (i32.const 8)) (local.get $end)))
            (local.set $src (i32.add (i32.add (local.get $g) (i32.mul (i32.load (local.get $np)) (local.get $rowBytes))) (local.get $off)))
            (local.set $src2 (i32.add (i32.add (local.get $g) (i32.mul (i32.load offset=4 (local.get $np)) (local.get $rowBytes))) (local.get $off)))
            (local.set $wv (f64x2.splat (f64.load (local.get $ep))))
            (local.set $wv2 (f64x2.splat (f64.load offset=8 (local.get $ep))))
            (local.set $a0 (f64x2.add (f64x2.add (local.get $a0) (f64x2.mul (local.get $wv) (v128.load (local.get $src)))) (f64x2.mul (local.get $wv2) (v128.load (local.get $src2)))))
            (local.set $a1 (f64x2.add (f64x2.add (local.get $a1) (f64x2.mul (local.get $wv) (v128.load offset=16 (local.get $src)))) (f64x2.mul (local.get $wv2) (v128.load offset=16 (local.get $src2)))))
            (local.set $a2 (f64x2.add (f64x2.add (local.get $a2) (f64x2.mul (local.get $wv) (v128.load offset=32 (local.get $src)))) (f64x2.mul (local.get $wv2) (v128.load offset=32 (local.get $src2)))))
            (local.set $a3 (f64x2.add (f64x2.add (local.get $a3) (f64x2.mul (local.get $wv) (v128.load offset=48 (local.get $src)))) (f64x2.mul (local.get $wv2) (v128.load offset=48 (local.get $src2)))))
            (local.set $np (i32.add (local.get $np) (i32.const 8)))
            (local.set $ep (i32.add (local.get $ep) (i32.const 16)))
            (br $sumPair)))
        (if (i32.lt_u (local.get $np) (local.get $end)) (then
            (local.set $src (i32.add (i32.add (local.get $g) (i32.mul (i32.load (local.get $np)) (local.get $rowBytes))) (local.get $off)))
            (local.set $wv (f64x2.splat (f64.load (local.get $ep))))
            (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $wv) (v128.load (local.get $src)))))
            (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $wv) (v128.load offset=16 (local.get $src)))))
            (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $wv) (v128.load offset=32 (local.get $src)))))
            (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $wv) (v128.load offset=48 (local.get $src)))))
            (local.set $np (i32.add (local.get $np) (i32.const 4)))))
        ;; a := a * S_n (a node without sum parents keeps a = 0: its S_n is not read, and may not have
        ;; been computed: wasm/pattern-plan.ts), then the product parents' flows are added to it
        (if (i32.lt_u (local.get $p0) (local.get $pm)) (then
          (local.set $src (i32.add (i32.add (local.get $val) (local.get $nodeOff)) (local.get $off)))
          (local.set $a0 (f64x2.mul (local.get $a0) (v128.load (local.get $src))))
          (local.set $a1 (f64x2.mul (local.get $a1) (v128.load offset=16 (local.get $src))))
          (local.set $a2 (f64x2.mul (local.get $a2) (v128.load offset=32 (local.get $src))))
          (local.set $a3 (f64x2.mul (local.get $a3) (v128.load offset=48 (local.get $src))))))
        (local.set $end (i32.add (global.get $parentNodePtr) (i32.shl (local.get $p1) (i32.const 2))))
        (block $productPairsDone
          (loop $productPair
            (br_if $productPairsDone (i32.gt_u (i32.add (local.get $np) (i32.const 8)) (local.get $end)))
            (local.set $src (i32.add (i32.add (local.get $flow) (i32.mul (i32.load (local.get $np)) (local.get $rowBytes))) (local.get $off)))
            (local.set $src2 (i32.add (i32.add (local.get $flow) (i32.mul (i32.load offset=4 (local.get $np)) (local.get $rowBytes))) (local.get $off)))
            (local.set $a0 (f64x2.add (f64x2.add (local.get $a0) (v128.load (local.get $src))) (v128.load (local.get $src2))))
            (local.set $a1 (f64x2.add (f64x2.add (local.get $a1) (v128.load offset=16 (local.get $src))) (v128.load offset=16 (local.get $src2))))
            (local.set $a2 (f64x2.add (f64x2.add (local.get $a2) (v128.load offset=32 (local.get $src))) (v128.load offset=32 (local.get $src2))))
            (local.set $a3 (f64x2.add (f64x2.add (local.get $a3) (v128.load offset=48 (local.get $src))) (v128.load offset=48 (local.get $src2))))
            (local.set $np (i32.add (local.get $np) (i32.const 8)))
            (br $productPair)))
        (if (i32.lt_u (local.get $np) (local.get $end)) (then
            (local.set $src (i32.add (i32.add (local.get $flow) (i32.mul (i32.load (local.get $np)) (local.get $rowBytes))) (local.get $off)))
            (local.set $a0 (f64x2.add (local.get $a0) (v128.load (local.get $src))))
            (local.set $a1 (f64x2.add (local.get $a1) (v128.load offset=16 (local.get $src))))
            (local.set $a2 (f64x2.add (local.get $a2) (v128.load offset=32 (local.get $src))))
            (local.set $a3 (f64x2.add (local.get $a3) (v128.load offset=48 (local.get $src))))
))
        (local.set $src (i32.add (i32.add (local.get $flow) (local.get $nodeOff)) (local.get $off)))
        (v128.store (local.get $src) (local.get $a0))
        (v128.store offset=16 (local.get $src) (local.get $a1))
        (v128.store offset=32 (local.get $src) (local.get $a2))
        (v128.store offset=48 (local.get $src) (local.get $a3))
        (local.set $off (i32.add (local.get $off) (i32.const 64)))
        (br $block)))
    (local.get $off))

  ;; pullSums1 .. pullSums6: downward's gathering for a node with exactly k sum parents and no
  ;; product parent, over all R rows of the chunk: flow = (0 + w_1 g_1 + ... + w_k g_k) * S_n, the
  ;; operations of pullRows8 in the same order, but the k weights are splatted into registers and
  ;; the k parents' g rows addressed once, then the rows stream past them four at a time (two
  ;; accumulators), and two at a time for the rest. Per edge and row pair that is a load, a
  ;; multiply and an add, without pullRows8's per-parent index load, address arithmetic and loop
  ;; test (-15 % on the downward pass of the 10k benchmark SPN, whose products have six sum
  ;; parents). Written out per k because wasm locals cannot be indexed.
  (func $pullSums1 (param $rowBytes i32) (param $nodeOff i32) (param $p0 i32) (param $val i32) (param $flow i32) (param $g i32) (param $w i32)
    (local $w0 v128) (local $a v128) (local $b v128)
    (local $s0 i32) (local $sp i32) (local $fp i32) (local $off i32) (local $np i32) (local $ep i32)
    (local.set $np (i32.add (global.get $parentNodePtr) (i32.shl (local.get $p0) (i32.const 2))))
    (local.set $ep (i32.add (local.get $w) (i32.shl (local.get $p0) (i32.const 3))))
    (local.set $s0 (i32.add (local.get $g) (i32.mul (i32.load (local.get $np)) (local.get $rowBytes))))
    (local.set $w0 (f64x2.splat (f64.load (local.get $ep))))
    (local.set $sp (i32.add (local.get $val) (local.get $nodeOff)))
    (local.set $fp (i32.add (local.get $flow) (local.get $nodeOff)))
    (block $quadsDone
      (loop $quad
        (br_if $quadsDone (i32.gt_u (i32.add (local.get $off) (i32.const 32)) (local.get $rowBytes)))
        (local.set $a (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load (i32.add (local.get $s0) (local.get $off))))))
        (local.set $b (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load offset=16 (i32.add (local.get $s0) (local.get $off))))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $a) (v128.load (i32.add (local.get $sp) (local.get $off)))))
        (v128.store offset=16 (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $b) (v128.load offset=16 (i32.add (local.get $sp) (local.get $off)))))
        (local.set $off (i32.add (local.get $off) (i32.const 32)))
        (br $quad)))
    (if (i32.lt_u (local.get $off) (local.get $rowBytes)) (then
        (local.set $a (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load (i32.add (local.get $s0) (local.get $off))))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $a) (v128.load (i32.add (local.get $sp) (local.get $off))))))))

  (func $pullSums2 (param $rowBytes i32) (param $nodeOff i32) (param $p0 i32) (param $val i32) (param $flow i32) (param $g i32) (param $w i32)
    (local $w0 v128) (local $w1 v128) (local $a v128) (local $b v128)
    (local $s0 i32) (local $s1 i32) (local $sp i32) (local $fp i32) (local $off i32) (local $np i32) (local $ep i32)
    (local.set $np (i32.add (global.get $parentNodePtr) (i32.shl (local.get $p0) (i32.const 2))))
    (local.set $ep (i32.add (local.get $w) (i32.shl (local.get $p0) (i32.const 3))))
    (local.set $s0 (i32.add (local.get $g) (i32.mul (i32.load (local.get $np)) (local.get $rowBytes))))
    (local.set $w0 (f64x2.splat (f64.load (local.get $ep))))
    (local.set $s1 (i32.add (local.get $g) (i32.mul (i32.load offset=4 (local.get $np)) (local.get $rowBytes))))
    (local.set $w1 (f64x2.splat (f64.load offset=8 (local.get $ep))))
    (local.set $sp (i32.add (local.get $val) (local.get $nodeOff)))
    (local.set $fp (i32.add (local.get $flow) (local.get $nodeOff)))
    (block $quadsDone
      (loop $quad
        (br_if $quadsDone (i32.gt_u (i32.add (local.get $off) (i32.const 32)) (local.get $rowBytes)))
        (local.set $a (f64x2.add (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load (i32.add (local.get $s0) (local.get $off)))))
        (f64x2.mul (local.get $w1) (v128.load (i32.add (local.get $s1) (local.get $off))))))
        (local.set $b (f64x2.add (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load offset=16 (i32.add (local.get $s0) (local.get $off)))))
        (f64x2.mul (local.get $w1) (v128.load offset=16 (i32.add (local.get $s1) (local.get $off))))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $a) (v128.load (i32.add (local.get $sp) (local.get $off)))))
        (v128.store offset=16 (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $b) (v128.load offset=16 (i32.add (local.get $sp) (local.get $off)))))
        (local.set $off (i32.add (local.get $off) (i32.const 32)))
        (br $quad)))
    (if (i32.lt_u (local.get $off) (local.get $rowBytes)) (then
        (local.set $a (f64x2.add (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load (i32.add (local.get $s0) (local.get $off)))))
        (f64x2.mul (local.get $w1) (v128.load (i32.add (local.get $s1) (local.get $off))))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $a) (v128.load (i32.add (local.get $sp) (local.get $off))))))))

  (func $pullSums3 (param $rowBytes i32) (param $nodeOff i32) (param $p0 i32) (param $val i32) (param $flow i32) (param $g i32) (param $w i32)
    (local $w0 v128) (local $w1 v128) (local $w2 v128) (local $a v128) (local $b v128)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $sp i32) (local $fp i32) (local $off i32) (local $np i32) (local $ep i32)
    (local.set $np (i32.add (global.get $parentNodePtr) (i32.shl (local.get $p0) (i32.const 2))))
    (local.set $ep (i32.add (local.get $w) (i32.shl (local.get $p0) (i32.const 3))))
    (local.set $s0 (i32.add (local.get $g) (i32.mul (i32.load (local.get $np)) (local.get $rowBytes))))
    (local.set $w0 (f64x2.splat (f64.load (local.get $ep))))
    (local.set $s1 (i32.add (local.get $g) (i32.mul (i32.load offset=4 (local.get $np)) (local.get $rowBytes))))
    (local.set $w1 (f64x2.splat (f64.load offset=8 (local.get $ep))))
    (local.set $s2 (i32.add (local.get $g) (i32.mul (i32.load offset=8 (local.get $np)) (local.get $rowBytes))))
    (local.set $w2 (f64x2.splat (f64.load offset=16 (local.get $ep))))
    (local.set $sp (i32.add (local.get $val) (local.get $nodeOff)))
    (local.set $fp (i32.add (local.get $flow) (local.get $nodeOff)))
    (block $quadsDone
      (loop $quad
        (br_if $quadsDone (i32.gt_u (i32.add (local.get $off) (i32.const 32)) (local.get $rowBytes)))
        (local.set $a (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load (i32.add (local.get $s0) (local.get $off)))))
        (f64x2.mul (local.get $w1) (v128.load (i32.add (local.get $s1) (local.get $off)))))
        (f64x2.mul (local.get $w2) (v128.load (i32.add (local.get $s2) (local.get $off))))))
        (local.set $b (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load offset=16 (i32.add (local.get $s0) (local.get $off)))))
        (f64x2.mul (local.get $w1) (v128.load offset=16 (i32.add (local.get $s1) (local.get $off)))))
        (f64x2.mul (local.get $w2) (v128.load offset=16 (i32.add (local.get $s2) (local.get $off))))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $a) (v128.load (i32.add (local.get $sp) (local.get $off)))))
        (v128.store offset=16 (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $b) (v128.load offset=16 (i32.add (local.get $sp) (local.get $off)))))
        (local.set $off (i32.add (local.get $off) (i32.const 32)))
        (br $quad)))
    (if (i32.lt_u (local.get $off) (local.get $rowBytes)) (then
        (local.set $a (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load (i32.add (local.get $s0) (local.get $off)))))
        (f64x2.mul (local.get $w1) (v128.load (i32.add (local.get $s1) (local.get $off)))))
        (f64x2.mul (local.get $w2) (v128.load (i32.add (local.get $s2) (local.get $off))))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $a) (v128.load (i32.add (local.get $sp) (local.get $off))))))))

  (func $pullSums4 (param $rowBytes i32) (param $nodeOff i32) (param $p0 i32) (param $val i32) (param $flow i32) (param $g i32) (param $w i32)
    (local $w0 v128) (local $w1 v128) (local $w2 v128) (local $w3 v128) (local $a v128) (local $b v128)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $sp i32) (local $fp i32) (local $off i32) (local $np i32) (local $ep i32)
    (local.set $np (i32.add (global.get $parentNodePtr) (i32.shl (local.get $p0) (i32.const 2))))
    (local.set $ep (i32.add (local.get $w) (i32.shl (local.get $p0) (i32.const 3))))
    (local.set $s0 (i32.add (local.get $g) (i32.mul (i32.load (local.get $np)) (local.get $rowBytes))))
    (local.set $w0 (f64x2.splat (f64.load (local.get $ep))))
    (local.set $s1 (i32.add (local.get $g) (i32.mul (i32.load offset=4 (local.get $np)) (local.get $rowBytes))))
    (local.set $w1 (f64x2.splat (f64.load offset=8 (local.get $ep))))
    (local.set $s2 (i32.add (local.get $g) (i32.mul (i32.load offset=8 (local.get $np)) (local.get $rowBytes))))
    (local.set $w2 (f64x2.splat (f64.load offset=16 (local.get $ep))))
    (local.set $s3 (i32.add (local.get $g) (i32.mul (i32.load offset=12 (local.get $np)) (local.get $rowBytes))))
    (local.set $w3 (f64x2.splat (f64.load offset=24 (local.get $ep))))
    (local.set $sp (i32.add (local.get $val) (local.get $nodeOff)))
    (local.set $fp (i32.add (local.get $flow) (local.get $nodeOff)))
    (block $quadsDone
      (loop $quad
        (br_if $quadsDone (i32.gt_u (i32.add (local.get $off) (i32.const 32)) (local.get $rowBytes)))
        (local.set $a (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load (i32.add (local.get $s0) (local.get $off)))))
        (f64x2.mul (local.get $w1) (v128.load (i32.add (local.get $s1) (local.get $off)))))
        (f64x2.mul (local.get $w2) (v128.load (i32.add (local.get $s2) (local.get $off)))))
        (f64x2.mul (local.get $w3) (v128.load (i32.add (local.get $s3) (local.get $off))))))
        (local.set $b (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load offset=16 (i32.add (local.get $s0) (local.get $off)))))
        (f64x2.mul (local.get $w1) (v128.load offset=16 (i32.add (local.get $s1) (local.get $off)))))
        (f64x2.mul (local.get $w2) (v128.load offset=16 (i32.add (local.get $s2) (local.get $off)))))
        (f64x2.mul (local.get $w3) (v128.load offset=16 (i32.add (local.get $s3) (local.get $off))))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $a) (v128.load (i32.add (local.get $sp) (local.get $off)))))
        (v128.store offset=16 (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $b) (v128.load offset=16 (i32.add (local.get $sp) (local.get $off)))))
        (local.set $off (i32.add (local.get $off) (i32.const 32)))
        (br $quad)))
    (if (i32.lt_u (local.get $off) (local.get $rowBytes)) (then
        (local.set $a (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load (i32.add (local.get $s0) (local.get $off)))))
        (f64x2.mul (local.get $w1) (v128.load (i32.add (local.get $s1) (local.get $off)))))
        (f64x2.mul (local.get $w2) (v128.load (i32.add (local.get $s2) (local.get $off)))))
        (f64x2.mul (local.get $w3) (v128.load (i32.add (local.get $s3) (local.get $off))))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $a) (v128.load (i32.add (local.get $sp) (local.get $off))))))))

  (func $pullSums5 (param $rowBytes i32) (param $nodeOff i32) (param $p0 i32) (param $val i32) (param $flow i32) (param $g i32) (param $w i32)
    (local $w0 v128) (local $w1 v128) (local $w2 v128) (local $w3 v128) (local $w4 v128) (local $a v128) (local $b v128)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $s4 i32) (local $sp i32) (local $fp i32) (local $off i32) (local $np i32) (local $ep i32)
    (local.set $np (i32.add (global.get $parentNodePtr) (i32.shl (local.get $p0) (i32.const 2))))
    (local.set $ep (i32.add (local.get $w) (i32.shl (local.get $p0) (i32.const 3))))
    (local.set $s0 (i32.add (local.get $g) (i32.mul (i32.load (local.get $np)) (local.get $rowBytes))))
    (local.set $w0 (f64x2.splat (f64.load (local.get $ep))))
    (local.set $s1 (i32.add (local.get $g) (i32.mul (i32.load offset=4 (local.get $np)) (local.get $rowBytes))))
    (local.set $w1 (f64x2.splat (f64.load offset=8 (local.get $ep))))
    (local.set $s2 (i32.add (local.get $g) (i32.mul (i32.load offset=8 (local.get $np)) (local.get $rowBytes))))
    (local.set $w2 (f64x2.splat (f64.load offset=16 (local.get $ep))))
    (local.set $s3 (i32.add (local.get $g) (i32.mul (i32.load offset=12 (local.get $np)) (local.get $rowBytes))))
    (local.set $w3 (f64x2.splat (f64.load offset=24 (local.get $ep))))
    (local.set $s4 (i32.add (local.get $g) (i32.mul (i32.load offset=16 (local.get $np)) (local.get $rowBytes))))
    (local.set $w4 (f64x2.splat (f64.load offset=32 (local.get $ep))))
    (local.set $sp (i32.add (local.get $val) (local.get $nodeOff)))
    (local.set $fp (i32.add (local.get $flow) (local.get $nodeOff)))
    (block $quadsDone
      (loop $quad
        (br_if $quadsDone (i32.gt_u (i32.add (local.get $off) (i32.const 32)) (local.get $rowBytes)))
        (local.set $a (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load (i32.add (local.get $s0) (local.get $off)))))
        (f64x2.mul (local.get $w1) (v128.load (i32.add (local.get $s1) (local.get $off)))))
        (f64x2.mul (local.get $w2) (v128.load (i32.add (local.get $s2) (local.get $off)))))
        (f64x2.mul (local.get $w3) (v128.load (i32.add (local.get $s3) (local.get $off)))))
        (f64x2.mul (local.get $w4) (v128.load (i32.add (local.get $s4) (local.get $off))))))
        (local.set $b (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load offset=16 (i32.add (local.get $s0) (local.get $off)))))
        (f64x2.mul (local.get $w1) (v128.load offset=16 (i32.add (local.get $s1) (local.get $off)))))
        (f64x2.mul (local.get $w2) (v128.load offset=16 (i32.add (local.get $s2) (local.get $off)))))
        (f64x2.mul (local.get $w3) (v128.load offset=16 (i32.add (local.get $s3) (local.get $off)))))
        (f64x2.mul (local.get $w4) (v128.load offset=16 (i32.add (local.get $s4) (local.get $off))))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $a) (v128.load (i32.add (local.get $sp) (local.get $off)))))
        (v128.store offset=16 (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $b) (v128.load offset=16 (i32.add (local.get $sp) (local.get $off)))))
        (local.set $off (i32.add (local.get $off) (i32.const 32)))
        (br $quad)))
    (if (i32.lt_u (local.get $off) (local.get $rowBytes)) (then
        (local.set $a (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load (i32.add (local.get $s0) (local.get $off)))))
        (f64x2.mul (local.get $w1) (v128.load (i32.add (local.get $s1) (local.get $off)))))
        (f64x2.mul (local.get $w2) (v128.load (i32.add (local.get $s2) (local.get $off)))))
        (f64x2.mul (local.get $w3) (v128.load (i32.add (local.get $s3) (local.get $off)))))
        (f64x2.mul (local.get $w4) (v128.load (i32.add (local.get $s4) (local.get $off))))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $a) (v128.load (i32.add (local.get $sp) (local.get $off))))))))

  (func $pullSums6 (param $rowBytes i32) (param $nodeOff i32) (param $p0 i32) (param $val i32) (param $flow i32) (param $g i32) (param $w i32)
    (local $w0 v128) (local $w1 v128) (local $w2 v128) (local $w3 v128) (local $w4 v128) (local $w5 v128) (local $a v128) (local $b v128)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $s4 i32) (local $s5 i32) (local $sp i32) (local $fp i32) (local $off i32) (local $np i32) (local $ep i32)
    (local.set $np (i32.add (global.get $parentNodePtr) (i32.shl (local.get $p0) (i32.const 2))))
    (local.set $ep (i32.add (local.get $w) (i32.shl (local.get $p0) (i32.const 3))))
    (local.set $s0 (i32.add (local.get $g) (i32.mul (i32.load (local.get $np)) (local.get $rowBytes))))
    (local.set $w0 (f64x2.splat (f64.load (local.get $ep))))
    (local.set $s1 (i32.add (local.get $g) (i32.mul (i32.load offset=4 (local.get $np)) (local.get $rowBytes))))
    (local.set $w1 (f64x2.splat (f64.load offset=8 (local.get $ep))))
    (local.set $s2 (i32.add (local.get $g) (i32.mul (i32.load offset=8 (local.get $np)) (local.get $rowBytes))))
    (local.set $w2 (f64x2.splat (f64.load offset=16 (local.get $ep))))
    (local.set $s3 (i32.add (local.get $g) (i32.mul (i32.load offset=12 (local.get $np)) (local.get $rowBytes))))
    (local.set $w3 (f64x2.splat (f64.load offset=24 (local.get $ep))))
    (local.set $s4 (i32.add (local.get $g) (i32.mul (i32.load offset=16 (local.get $np)) (local.get $rowBytes))))
    (local.set $w4 (f64x2.splat (f64.load offset=32 (local.get $ep))))
    (local.set $s5 (i32.add (local.get $g) (i32.mul (i32.load offset=20 (local.get $np)) (local.get $rowBytes))))
    (local.set $w5 (f64x2.splat (f64.load offset=40 (local.get $ep))))
    (local.set $sp (i32.add (local.get $val) (local.get $nodeOff)))
    (local.set $fp (i32.add (local.get $flow) (local.get $nodeOff)))
    (block $quadsDone
      (loop $quad
        (br_if $quadsDone (i32.gt_u (i32.add (local.get $off) (i32.const 32)) (local.get $rowBytes)))
        (local.set $a (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load (i32.add (local.get $s0) (local.get $off)))))
        (f64x2.mul (local.get $w1) (v128.load (i32.add (local.get $s1) (local.get $off)))))
        (f64x2.mul (local.get $w2) (v128.load (i32.add (local.get $s2) (local.get $off)))))
        (f64x2.mul (local.get $w3) (v128.load (i32.add (local.get $s3) (local.get $off)))))
        (f64x2.mul (local.get $w4) (v128.load (i32.add (local.get $s4) (local.get $off)))))
        (f64x2.mul (local.get $w5) (v128.load (i32.add (local.get $s5) (local.get $off))))))
        (local.set $b (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load offset=16 (i32.add (local.get $s0) (local.get $off)))))
        (f64x2.mul (local.get $w1) (v128.load offset=16 (i32.add (local.get $s1) (local.get $off)))))
        (f64x2.mul (local.get $w2) (v128.load offset=16 (i32.add (local.get $s2) (local.get $off)))))
        (f64x2.mul (local.get $w3) (v128.load offset=16 (i32.add (local.get $s3) (local.get $off)))))
        (f64x2.mul (local.get $w4) (v128.load offset=16 (i32.add (local.get $s4) (local.get $off)))))
        (f64x2.mul (local.get $w5) (v128.load offset=16 (i32.add (local.get $s5) (local.get $off))))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $a) (v128.load (i32.add (local.get $sp) (local.get $off)))))
        (v128.store offset=16 (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $b) (v128.load offset=16 (i32.add (local.get $sp) (local.get $off)))))
        (local.set $off (i32.add (local.get $off) (i32.const 32)))
        (br $quad)))
    (if (i32.lt_u (local.get $off) (local.get $rowBytes)) (then
        (local.set $a (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load (i32.add (local.get $s0) (local.get $off)))))
        (f64x2.mul (local.get $w1) (v128.load (i32.add (local.get $s1) (local.get $off)))))
        (f64x2.mul (local.get $w2) (v128.load (i32.add (local.get $s2) (local.get $off)))))
        (f64x2.mul (local.get $w3) (v128.load (i32.add (local.get $s3) (local.get $off)))))
        (f64x2.mul (local.get $w4) (v128.load (i32.add (local.get $s4) (local.get $off)))))
        (f64x2.mul (local.get $w5) (v128.load (i32.add (local.get $s5) (local.get $off))))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $a) (v128.load (i32.add (local.get $sp) (local.get $off))))))))

  (func $pullSumsV1 (param $rowBytes i32) (param $nodeOff i32) (param $p0 i32) (param $val i32) (param $flow i32) (param $g i32) (param $w i32) (param $c1 i32) (param $c2 i32)
    (local $w0 v128)
    (local $a v128) (local $b v128)
    (local $s0 i32) (local $fp i32) (local $off i32) (local $np i32) (local $ep i32)
    (local.set $np (i32.add (global.get $parentNodePtr) (i32.shl (local.get $p0) (i32.const 2))))
    (local.set $ep (i32.add (local.get $w) (i32.shl (local.get $p0) (i32.const 3))))
    (local.set $s0 (i32.add (local.get $g) (i32.mul (i32.load (local.get $np)) (local.get $rowBytes))))
    (local.set $w0 (f64x2.splat (f64.load (local.get $ep))))
    (local.set $c1 (i32.add (local.get $val) (i32.mul (local.get $c1) (local.get $rowBytes))))
    (local.set $c2 (i32.add (local.get $val) (i32.mul (local.get $c2) (local.get $rowBytes))))
    (local.set $fp (i32.add (local.get $flow) (local.get $nodeOff)))
    (block $stepsDone
      (loop $step
        (br_if $stepsDone (i32.gt_u (i32.add (local.get $off) (i32.const 32)) (local.get $rowBytes)))
        (local.set $a (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load (i32.add (local.get $s0) (local.get $off))))))
        (local.set $b (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load offset=16 (i32.add (local.get $s0) (local.get $off))))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $a) (f64x2.mul (v128.load (i32.add (local.get $c1) (local.get $off))) (v128.load (i32.add (local.get $c2) (local.get $off))))))
        (v128.store offset=16 (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $b) (f64x2.mul (v128.load offset=16 (i32.add (local.get $c1) (local.get $off))) (v128.load offset=16 (i32.add (local.get $c2) (local.get $off))))))
        (local.set $off (i32.add (local.get $off) (i32.const 32)))
        (br $step)))
    (block $pairsDone
      (loop $pair
        (br_if $pairsDone (i32.ge_u (local.get $off) (local.get $rowBytes)))
        (local.set $a (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load (i32.add (local.get $s0) (local.get $off))))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $a) (f64x2.mul (v128.load (i32.add (local.get $c1) (local.get $off))) (v128.load (i32.add (local.get $c2) (local.get $off))))))
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br $pair))))

  (func $pullSumsV2 (param $rowBytes i32) (param $nodeOff i32) (param $p0 i32) (param $val i32) (param $flow i32) (param $g i32) (param $w i32) (param $c1 i32) (param $c2 i32)
    (local $w0 v128) (local $w1 v128)
    (local $a v128) (local $b v128)
    (local $s0 i32) (local $s1 i32) (local $fp i32) (local $off i32) (local $np i32) (local $ep i32)
    (local.set $np (i32.add (global.get $parentNodePtr) (i32.shl (local.get $p0) (i32.const 2))))
    (local.set $ep (i32.add (local.get $w) (i32.shl (local.get $p0) (i32.const 3))))
    (local.set $s0 (i32.add (local.get $g) (i32.mul (i32.load (local.get $np)) (local.get $rowBytes))))
    (local.set $w0 (f64x2.splat (f64.load (local.get $ep))))
    (local.set $s1 (i32.add (local.get $g) (i32.mul (i32.load offset=4 (local.get $np)) (local.get $rowBytes))))
    (local.set $w1 (f64x2.splat (f64.load offset=8 (local.get $ep))))
    (local.set $c1 (i32.add (local.get $val) (i32.mul (local.get $c1) (local.get $rowBytes))))
    (local.set $c2 (i32.add (local.get $val) (i32.mul (local.get $c2) (local.get $rowBytes))))
    (local.set $fp (i32.add (local.get $flow) (local.get $nodeOff)))
    (block $stepsDone
      (loop $step
        (br_if $stepsDone (i32.gt_u (i32.add (local.get $off) (i32.const 32)) (local.get $rowBytes)))
        (local.set $a (f64x2.add (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load (i32.add (local.get $s0) (local.get $off)))))
          (f64x2.mul (local.get $w1) (v128.load (i32.add (local.get $s1) (local.get $off))))))
        (local.set $b (f64x2.add (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load offset=16 (i32.add (local.get $s0) (local.get $off)))))
          (f64x2.mul (local.get $w1) (v128.load offset=16 (i32.add (local.get $s1) (local.get $off))))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $a) (f64x2.mul (v128.load (i32.add (local.get $c1) (local.get $off))) (v128.load (i32.add (local.get $c2) (local.get $off))))))
        (v128.store offset=16 (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $b) (f64x2.mul (v128.load offset=16 (i32.add (local.get $c1) (local.get $off))) (v128.load offset=16 (i32.add (local.get $c2) (local.get $off))))))
        (local.set $off (i32.add (local.get $off) (i32.const 32)))
        (br $step)))
    (block $pairsDone
      (loop $pair
        (br_if $pairsDone (i32.ge_u (local.get $off) (local.get $rowBytes)))
        (local.set $a (f64x2.add (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load (i32.add (local.get $s0) (local.get $off)))))
          (f64x2.mul (local.get $w1) (v128.load (i32.add (local.get $s1) (local.get $off))))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $a) (f64x2.mul (v128.load (i32.add (local.get $c1) (local.get $off))) (v128.load (i32.add (local.get $c2) (local.get $off))))))
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br $pair))))

  (func $pullSumsV3 (param $rowBytes i32) (param $nodeOff i32) (param $p0 i32) (param $val i32) (param $flow i32) (param $g i32) (param $w i32) (param $c1 i32) (param $c2 i32)
    (local $w0 v128) (local $w1 v128) (local $w2 v128)
    (local $a v128) (local $b v128)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $fp i32) (local $off i32) (local $np i32) (local $ep i32)
    (local.set $np (i32.add (global.get $parentNodePtr) (i32.shl (local.get $p0) (i32.const 2))))
    (local.set $ep (i32.add (local.get $w) (i32.shl (local.get $p0) (i32.const 3))))
    (local.set $s0 (i32.add (local.get $g) (i32.mul (i32.load (local.get $np)) (local.get $rowBytes))))
    (local.set $w0 (f64x2.splat (f64.load (local.get $ep))))
    (local.set $s1 (i32.add (local.get $g) (i32.mul (i32.load offset=4 (local.get $np)) (local.get $rowBytes))))
    (local.set $w1 (f64x2.splat (f64.load offset=8 (local.get $ep))))
    (local.set $s2 (i32.add (local.get $g) (i32.mul (i32.load offset=8 (local.get $np)) (local.get $rowBytes))))
    (local.set $w2 (f64x2.splat (f64.load offset=16 (local.get $ep))))
    (local.set $c1 (i32.add (local.get $val) (i32.mul (local.get $c1) (local.get $rowBytes))))
    (local.set $c2 (i32.add (local.get $val) (i32.mul (local.get $c2) (local.get $rowBytes))))
    (local.set $fp (i32.add (local.get $flow) (local.get $nodeOff)))
    (block $stepsDone
      (loop $step
        (br_if $stepsDone (i32.gt_u (i32.add (local.get $off) (i32.const 32)) (local.get $rowBytes)))
        (local.set $a (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load (i32.add (local.get $s0) (local.get $off)))))
          (f64x2.mul (local.get $w1) (v128.load (i32.add (local.get $s1) (local.get $off)))))
          (f64x2.mul (local.get $w2) (v128.load (i32.add (local.get $s2) (local.get $off))))))
        (local.set $b (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load offset=16 (i32.add (local.get $s0) (local.get $off)))))
          (f64x2.mul (local.get $w1) (v128.load offset=16 (i32.add (local.get $s1) (local.get $off)))))
          (f64x2.mul (local.get $w2) (v128.load offset=16 (i32.add (local.get $s2) (local.get $off))))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $a) (f64x2.mul (v128.load (i32.add (local.get $c1) (local.get $off))) (v128.load (i32.add (local.get $c2) (local.get $off))))))
        (v128.store offset=16 (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $b) (f64x2.mul (v128.load offset=16 (i32.add (local.get $c1) (local.get $off))) (v128.load offset=16 (i32.add (local.get $c2) (local.get $off))))))
        (local.set $off (i32.add (local.get $off) (i32.const 32)))
        (br $step)))
    (block $pairsDone
      (loop $pair
        (br_if $pairsDone (i32.ge_u (local.get $off) (local.get $rowBytes)))
        (local.set $a (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load (i32.add (local.get $s0) (local.get $off)))))
          (f64x2.mul (local.get $w1) (v128.load (i32.add (local.get $s1) (local.get $off)))))
          (f64x2.mul (local.get $w2) (v128.load (i32.add (local.get $s2) (local.get $off))))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $a) (f64x2.mul (v128.load (i32.add (local.get $c1) (local.get $off))) (v128.load (i32.add (local.get $c2) (local.get $off))))))
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br $pair))))

  (func $pullSumsV4 (param $rowBytes i32) (param $nodeOff i32) (param $p0 i32) (param $val i32) (param $flow i32) (param $g i32) (param $w i32) (param $c1 i32) (param $c2 i32)
    (local $w0 v128) (local $w1 v128) (local $w2 v128) (local $w3 v128)
    (local $a v128) (local $b v128)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $fp i32) (local $off i32) (local $np i32) (local $ep i32)
    (local.set $np (i32.add (global.get $parentNodePtr) (i32.shl (local.get $p0) (i32.const 2))))
    (local.set $ep (i32.add (local.get $w) (i32.shl (local.get $p0) (i32.const 3))))
    (local.set $s0 (i32.add (local.get $g) (i32.mul (i32.load (local.get $np)) (local.get $rowBytes))))
    (local.set $w0 (f64x2.splat (f64.load (local.get $ep))))
    (local.set $s1 (i32.add (local.get $g) (i32.mul (i32.load offset=4 (local.get $np)) (local.get $rowBytes))))
    (local.set $w1 (f64x2.splat (f64.load offset=8 (local.get $ep))))
    (local.set $s2 (i32.add (local.get $g) (i32.mul (i32.load offset=8 (local.get $np)) (local.get $rowBytes))))
    (local.set $w2 (f64x2.splat (f64.load offset=16 (local.get $ep))))
    (local.set $s3 (i32.add (local.get $g) (i32.mul (i32.load offset=12 (local.get $np)) (local.get $rowBytes))))
    (local.set $w3 (f64x2.splat (f64.load offset=24 (local.get $ep))))
    (local.set $c1 (i32.add (local.get $val) (i32.mul (local.get $c1) (local.get $rowBytes))))
    (local.set $c2 (i32.add (local.get $val) (i32.mul (local.get $c2) (local.get $rowBytes))))
    (local.set $fp (i32.add (local.get $flow) (local.get $nodeOff)))
    (block $stepsDone
      (loop $step
        (br_if $stepsDone (i32.gt_u (i32.add (local.get $off) (i32.const 32)) (local.get $rowBytes)))
        (local.set $a (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load (i32.add (local.get $s0) (local.get $off)))))
          (f64x2.mul (local.get $w1) (v128.load (i32.add (local.get $s1) (local.get $off)))))
          (f64x2.mul (local.get $w2) (v128.load (i32.add (local.get $s2) (local.get $off)))))
          (f64x2.mul (local.get $w3) (v128.load (i32.add (local.get $s3) (local.get $off))))))
        (local.set $b (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load offset=16 (i32.add (local.get $s0) (local.get $off)))))
          (f64x2.mul (local.get $w1) (v128.load offset=16 (i32.add (local.get $s1) (local.get $off)))))
          (f64x2.mul (local.get $w2) (v128.load offset=16 (i32.add (local.get $s2) (local.get $off)))))
          (f64x2.mul (local.get $w3) (v128.load offset=16 (i32.add (local.get $s3) (local.get $off))))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $a) (f64x2.mul (v128.load (i32.add (local.get $c1) (local.get $off))) (v128.load (i32.add (local.get $c2) (local.get $off))))))
        (v128.store offset=16 (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $b) (f64x2.mul (v128.load offset=16 (i32.add (local.get $c1) (local.get $off))) (v128.load offset=16 (i32.add (local.get $c2) (local.get $off))))))
        (local.set $off (i32.add (local.get $off) (i32.const 32)))
        (br $step)))
    (block $pairsDone
      (loop $pair
        (br_if $pairsDone (i32.ge_u (local.get $off) (local.get $rowBytes)))
        (local.set $a (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load (i32.add (local.get $s0) (local.get $off)))))
          (f64x2.mul (local.get $w1) (v128.load (i32.add (local.get $s1) (local.get $off)))))
          (f64x2.mul (local.get $w2) (v128.load (i32.add (local.get $s2) (local.get $off)))))
          (f64x2.mul (local.get $w3) (v128.load (i32.add (local.get $s3) (local.get $off))))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $a) (f64x2.mul (v128.load (i32.add (local.get $c1) (local.get $off))) (v128.load (i32.add (local.get $c2) (local.get $off))))))
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br $pair))))

  (func $pullSumsV5 (param $rowBytes i32) (param $nodeOff i32) (param $p0 i32) (param $val i32) (param $flow i32) (param $g i32) (param $w i32) (param $c1 i32) (param $c2 i32)
    (local $w0 v128) (local $w1 v128) (local $w2 v128) (local $w3 v128) (local $w4 v128)
    (local $a v128) (local $b v128)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $s4 i32) (local $fp i32) (local $off i32) (local $np i32) (local $ep i32)
    (local.set $np (i32.add (global.get $parentNodePtr) (i32.shl (local.get $p0) (i32.const 2))))
    (local.set $ep (i32.add (local.get $w) (i32.shl (local.get $p0) (i32.const 3))))
    (local.set $s0 (i32.add (local.get $g) (i32.mul (i32.load (local.get $np)) (local.get $rowBytes))))
    (local.set $w0 (f64x2.splat (f64.load (local.get $ep))))
    (local.set $s1 (i32.add (local.get $g) (i32.mul (i32.load offset=4 (local.get $np)) (local.get $rowBytes))))
    (local.set $w1 (f64x2.splat (f64.load offset=8 (local.get $ep))))
    (local.set $s2 (i32.add (local.get $g) (i32.mul (i32.load offset=8 (local.get $np)) (local.get $rowBytes))))
    (local.set $w2 (f64x2.splat (f64.load offset=16 (local.get $ep))))
    (local.set $s3 (i32.add (local.get $g) (i32.mul (i32.load offset=12 (local.get $np)) (local.get $rowBytes))))
    (local.set $w3 (f64x2.splat (f64.load offset=24 (local.get $ep))))
    (local.set $s4 (i32.add (local.get $g) (i32.mul (i32.load offset=16 (local.get $np)) (local.get $rowBytes))))
    (local.set $w4 (f64x2.splat (f64.load offset=32 (local.get $ep))))
    (local.set $c1 (i32.add (local.get $val) (i32.mul (local.get $c1) (local.get $rowBytes))))
    (local.set $c2 (i32.add (local.get $val) (i32.mul (local.get $c2) (local.get $rowBytes))))
    (local.set $fp (i32.add (local.get $flow) (local.get $nodeOff)))
    (block $stepsDone
      (loop $step
        (br_if $stepsDone (i32.gt_u (i32.add (local.get $off) (i32.const 32)) (local.get $rowBytes)))
        (local.set $a (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load (i32.add (local.get $s0) (local.get $off)))))
          (f64x2.mul (local.get $w1) (v128.load (i32.add (local.get $s1) (local.get $off)))))
          (f64x2.mul (local.get $w2) (v128.load (i32.add (local.get $s2) (local.get $off)))))
          (f64x2.mul (local.get $w3) (v128.load (i32.add (local.get $s3) (local.get $off)))))
          (f64x2.mul (local.get $w4) (v128.load (i32.add (local.get $s4) (local.get $off))))))
        (local.set $b (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load offset=16 (i32.add (local.get $s0) (local.get $off)))))
          (f64x2.mul (local.get $w1) (v128.load offset=16 (i32.add (local.get $s1) (local.get $off)))))
          (f64x2.mul (local.get $w2) (v128.load offset=16 (i32.add (local.get $s2) (local.get $off)))))
          (f64x2.mul (local.get $w3) (v128.load offset=16 (i32.add (local.get $s3) (local.get $off)))))
          (f64x2.mul (local.get $w4) (v128.load offset=16 (i32.add (local.get $s4) (local.get $off))))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $a) (f64x2.mul (v128.load (i32.add (local.get $c1) (local.get $off))) (v128.load (i32.add (local.get $c2) (local.get $off))))))
        (v128.store offset=16 (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $b) (f64x2.mul (v128.load offset=16 (i32.add (local.get $c1) (local.get $off))) (v128.load offset=16 (i32.add (local.get $c2) (local.get $off))))))
        (local.set $off (i32.add (local.get $off) (i32.const 32)))
        (br $step)))
    (block $pairsDone
      (loop $pair
        (br_if $pairsDone (i32.ge_u (local.get $off) (local.get $rowBytes)))
        (local.set $a (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load (i32.add (local.get $s0) (local.get $off)))))
          (f64x2.mul (local.get $w1) (v128.load (i32.add (local.get $s1) (local.get $off)))))
          (f64x2.mul (local.get $w2) (v128.load (i32.add (local.get $s2) (local.get $off)))))
          (f64x2.mul (local.get $w3) (v128.load (i32.add (local.get $s3) (local.get $off)))))
          (f64x2.mul (local.get $w4) (v128.load (i32.add (local.get $s4) (local.get $off))))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $a) (f64x2.mul (v128.load (i32.add (local.get $c1) (local.get $off))) (v128.load (i32.add (local.get $c2) (local.get $off))))))
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br $pair))))

  (func $pullSumsV6 (param $rowBytes i32) (param $nodeOff i32) (param $p0 i32) (param $val i32) (param $flow i32) (param $g i32) (param $w i32) (param $c1 i32) (param $c2 i32)
    (local $w0 v128) (local $w1 v128) (local $w2 v128) (local $w3 v128) (local $w4 v128) (local $w5 v128)
    (local $a v128) (local $b v128)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $s4 i32) (local $s5 i32) (local $fp i32) (local $off i32) (local $np i32) (local $ep i32)
    (local.set $np (i32.add (global.get $parentNodePtr) (i32.shl (local.get $p0) (i32.const 2))))
    (local.set $ep (i32.add (local.get $w) (i32.shl (local.get $p0) (i32.const 3))))
    (local.set $s0 (i32.add (local.get $g) (i32.mul (i32.load (local.get $np)) (local.get $rowBytes))))
    (local.set $w0 (f64x2.splat (f64.load (local.get $ep))))
    (local.set $s1 (i32.add (local.get $g) (i32.mul (i32.load offset=4 (local.get $np)) (local.get $rowBytes))))
    (local.set $w1 (f64x2.splat (f64.load offset=8 (local.get $ep))))
    (local.set $s2 (i32.add (local.get $g) (i32.mul (i32.load offset=8 (local.get $np)) (local.get $rowBytes))))
    (local.set $w2 (f64x2.splat (f64.load offset=16 (local.get $ep))))
    (local.set $s3 (i32.add (local.get $g) (i32.mul (i32.load offset=12 (local.get $np)) (local.get $rowBytes))))
    (local.set $w3 (f64x2.splat (f64.load offset=24 (local.get $ep))))
    (local.set $s4 (i32.add (local.get $g) (i32.mul (i32.load offset=16 (local.get $np)) (local.get $rowBytes))))
    (local.set $w4 (f64x2.splat (f64.load offset=32 (local.get $ep))))
    (local.set $s5 (i32.add (local.get $g) (i32.mul (i32.load offset=20 (local.get $np)) (local.get $rowBytes))))
    (local.set $w5 (f64x2.splat (f64.load offset=40 (local.get $ep))))
    (local.set $c1 (i32.add (local.get $val) (i32.mul (local.get $c1) (local.get $rowBytes))))
    (local.set $c2 (i32.add (local.get $val) (i32.mul (local.get $c2) (local.get $rowBytes))))
    (local.set $fp (i32.add (local.get $flow) (local.get $nodeOff)))
    (block $stepsDone
      (loop $step
        (br_if $stepsDone (i32.gt_u (i32.add (local.get $off) (i32.const 32)) (local.get $rowBytes)))
        (local.set $a (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load (i32.add (local.get $s0) (local.get $off)))))
          (f64x2.mul (local.get $w1) (v128.load (i32.add (local.get $s1) (local.get $off)))))
          (f64x2.mul (local.get $w2) (v128.load (i32.add (local.get $s2) (local.get $off)))))
          (f64x2.mul (local.get $w3) (v128.load (i32.add (local.get $s3) (local.get $off)))))
          (f64x2.mul (local.get $w4) (v128.load (i32.add (local.get $s4) (local.get $off)))))
          (f64x2.mul (local.get $w5) (v128.load (i32.add (local.get $s5) (local.get $off))))))
        (local.set $b (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load offset=16 (i32.add (local.get $s0) (local.get $off)))))
          (f64x2.mul (local.get $w1) (v128.load offset=16 (i32.add (local.get $s1) (local.get $off)))))
          (f64x2.mul (local.get $w2) (v128.load offset=16 (i32.add (local.get $s2) (local.get $off)))))
          (f64x2.mul (local.get $w3) (v128.load offset=16 (i32.add (local.get $s3) (local.get $off)))))
          (f64x2.mul (local.get $w4) (v128.load offset=16 (i32.add (local.get $s4) (local.get $off)))))
          (f64x2.mul (local.get $w5) (v128.load offset=16 (i32.add (local.get $s5) (local.get $off))))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $a) (f64x2.mul (v128.load (i32.add (local.get $c1) (local.get $off))) (v128.load (i32.add (local.get $c2) (local.get $off))))))
        (v128.store offset=16 (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $b) (f64x2.mul (v128.load offset=16 (i32.add (local.get $c1) (local.get $off))) (v128.load offset=16 (i32.add (local.get $c2) (local.get $off))))))
        (local.set $off (i32.add (local.get $off) (i32.const 32)))
        (br $step)))
    (block $pairsDone
      (loop $pair
        (br_if $pairsDone (i32.ge_u (local.get $off) (local.get $rowBytes)))
        (local.set $a (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $w0) (v128.load (i32.add (local.get $s0) (local.get $off)))))
          (f64x2.mul (local.get $w1) (v128.load (i32.add (local.get $s1) (local.get $off)))))
          (f64x2.mul (local.get $w2) (v128.load (i32.add (local.get $s2) (local.get $off)))))
          (f64x2.mul (local.get $w3) (v128.load (i32.add (local.get $s3) (local.get $off)))))
          (f64x2.mul (local.get $w4) (v128.load (i32.add (local.get $s4) (local.get $off)))))
          (f64x2.mul (local.get $w5) (v128.load (i32.add (local.get $s5) (local.get $off))))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (f64x2.mul (local.get $a) (f64x2.mul (v128.load (i32.add (local.get $c1) (local.get $off))) (v128.load (i32.add (local.get $c2) (local.get $off))))))
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br $pair))))

  ;; pullProducts1 .. pullProducts6: the same for a node with exactly k product parents and no sum
  ;; parent: flow = 0 + flow_1 + ... + flow_k (in region graphs: sums, and the leaf products).
  (func $pullProducts1 (param $rowBytes i32) (param $nodeOff i32) (param $p0 i32) (param $flow i32)
    (local $a v128) (local $b v128)
    (local $s0 i32) (local $fp i32) (local $off i32) (local $np i32)
    (local.set $np (i32.add (global.get $parentNodePtr) (i32.shl (local.get $p0) (i32.const 2))))
    (local.set $s0 (i32.add (local.get $flow) (i32.mul (i32.load (local.get $np)) (local.get $rowBytes))))
    (local.set $fp (i32.add (local.get $flow) (local.get $nodeOff)))
    (block $quadsDone
      (loop $quad
        (br_if $quadsDone (i32.gt_u (i32.add (local.get $off) (i32.const 32)) (local.get $rowBytes)))
        (local.set $a (f64x2.add (v128.const f64x2 0 0) (v128.load (i32.add (local.get $s0) (local.get $off)))))
        (local.set $b (f64x2.add (v128.const f64x2 0 0) (v128.load offset=16 (i32.add (local.get $s0) (local.get $off)))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (local.get $a))
        (v128.store offset=16 (i32.add (local.get $fp) (local.get $off)) (local.get $b))
        (local.set $off (i32.add (local.get $off) (i32.const 32)))
        (br $quad)))
    (if (i32.lt_u (local.get $off) (local.get $rowBytes)) (then
        (local.set $a (f64x2.add (v128.const f64x2 0 0) (v128.load (i32.add (local.get $s0) (local.get $off)))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (local.get $a)))))

  (func $pullProducts2 (param $rowBytes i32) (param $nodeOff i32) (param $p0 i32) (param $flow i32)
    (local $a v128) (local $b v128)
    (local $s0 i32) (local $s1 i32) (local $fp i32) (local $off i32) (local $np i32)
    (local.set $np (i32.add (global.get $parentNodePtr) (i32.shl (local.get $p0) (i32.const 2))))
    (local.set $s0 (i32.add (local.get $flow) (i32.mul (i32.load (local.get $np)) (local.get $rowBytes))))
    (local.set $s1 (i32.add (local.get $flow) (i32.mul (i32.load offset=4 (local.get $np)) (local.get $rowBytes))))
    (local.set $fp (i32.add (local.get $flow) (local.get $nodeOff)))
    (block $quadsDone
      (loop $quad
        (br_if $quadsDone (i32.gt_u (i32.add (local.get $off) (i32.const 32)) (local.get $rowBytes)))
        (local.set $a (f64x2.add (f64x2.add (v128.const f64x2 0 0) (v128.load (i32.add (local.get $s0) (local.get $off))))
        (v128.load (i32.add (local.get $s1) (local.get $off)))))
        (local.set $b (f64x2.add (f64x2.add (v128.const f64x2 0 0) (v128.load offset=16 (i32.add (local.get $s0) (local.get $off))))
        (v128.load offset=16 (i32.add (local.get $s1) (local.get $off)))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (local.get $a))
        (v128.store offset=16 (i32.add (local.get $fp) (local.get $off)) (local.get $b))
        (local.set $off (i32.add (local.get $off) (i32.const 32)))
        (br $quad)))
    (if (i32.lt_u (local.get $off) (local.get $rowBytes)) (then
        (local.set $a (f64x2.add (f64x2.add (v128.const f64x2 0 0) (v128.load (i32.add (local.get $s0) (local.get $off))))
        (v128.load (i32.add (local.get $s1) (local.get $off)))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (local.get $a)))))

  (func $pullProducts3 (param $rowBytes i32) (param $nodeOff i32) (param $p0 i32) (param $flow i32)
    (local $a v128) (local $b v128)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $fp i32) (local $off i32) (local $np i32)
    (local.set $np (i32.add (global.get $parentNodePtr) (i32.shl (local.get $p0) (i32.const 2))))
    (local.set $s0 (i32.add (local.get $flow) (i32.mul (i32.load (local.get $np)) (local.get $rowBytes))))
    (local.set $s1 (i32.add (local.get $flow) (i32.mul (i32.load offset=4 (local.get $np)) (local.get $rowBytes))))
    (local.set $s2 (i32.add (local.get $flow) (i32.mul (i32.load offset=8 (local.get $np)) (local.get $rowBytes))))
    (local.set $fp (i32.add (local.get $flow) (local.get $nodeOff)))
    (block $quadsDone
      (loop $quad
        (br_if $quadsDone (i32.gt_u (i32.add (local.get $off) (i32.const 32)) (local.get $rowBytes)))
        (local.set $a (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (v128.load (i32.add (local.get $s0) (local.get $off))))
        (v128.load (i32.add (local.get $s1) (local.get $off))))
        (v128.load (i32.add (local.get $s2) (local.get $off)))))
        (local.set $b (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (v128.load offset=16 (i32.add (local.get $s0) (local.get $off))))
        (v128.load offset=16 (i32.add (local.get $s1) (local.get $off))))
        (v128.load offset=16 (i32.add (local.get $s2) (local.get $off)))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (local.get $a))
        (v128.store offset=16 (i32.add (local.get $fp) (local.get $off)) (local.get $b))
        (local.set $off (i32.add (local.get $off) (i32.const 32)))
        (br $quad)))
    (if (i32.lt_u (local.get $off) (local.get $rowBytes)) (then
        (local.set $a (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (v128.load (i32.add (local.get $s0) (local.get $off))))
        (v128.load (i32.add (local.get $s1) (local.get $off))))
        (v128.load (i32.add (local.get $s2) (local.get $off)))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (local.get $a)))))

  (func $pullProducts4 (param $rowBytes i32) (param $nodeOff i32) (param $p0 i32) (param $flow i32)
    (local $a v128) (local $b v128)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $fp i32) (local $off i32) (local $np i32)
    (local.set $np (i32.add (global.get $parentNodePtr) (i32.shl (local.get $p0) (i32.const 2))))
    (local.set $s0 (i32.add (local.get $flow) (i32.mul (i32.load (local.get $np)) (local.get $rowBytes))))
    (local.set $s1 (i32.add (local.get $flow) (i32.mul (i32.load offset=4 (local.get $np)) (local.get $rowBytes))))
    (local.set $s2 (i32.add (local.get $flow) (i32.mul (i32.load offset=8 (local.get $np)) (local.get $rowBytes))))
    (local.set $s3 (i32.add (local.get $flow) (i32.mul (i32.load offset=12 (local.get $np)) (local.get $rowBytes))))
    (local.set $fp (i32.add (local.get $flow) (local.get $nodeOff)))
    (block $quadsDone
      (loop $quad
        (br_if $quadsDone (i32.gt_u (i32.add (local.get $off) (i32.const 32)) (local.get $rowBytes)))
        (local.set $a (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (v128.load (i32.add (local.get $s0) (local.get $off))))
        (v128.load (i32.add (local.get $s1) (local.get $off))))
        (v128.load (i32.add (local.get $s2) (local.get $off))))
        (v128.load (i32.add (local.get $s3) (local.get $off)))))
        (local.set $b (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (v128.load offset=16 (i32.add (local.get $s0) (local.get $off))))
        (v128.load offset=16 (i32.add (local.get $s1) (local.get $off))))
        (v128.load offset=16 (i32.add (local.get $s2) (local.get $off))))
        (v128.load offset=16 (i32.add (local.get $s3) (local.get $off)))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (local.get $a))
        (v128.store offset=16 (i32.add (local.get $fp) (local.get $off)) (local.get $b))
        (local.set $off (i32.add (local.get $off) (i32.const 32)))
        (br $quad)))
    (if (i32.lt_u (local.get $off) (local.get $rowBytes)) (then
        (local.set $a (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (v128.load (i32.add (local.get $s0) (local.get $off))))
        (v128.load (i32.add (local.get $s1) (local.get $off))))
        (v128.load (i32.add (local.get $s2) (local.get $off))))
        (v128.load (i32.add (local.get $s3) (local.get $off)))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (local.get $a)))))

  (func $pullProducts5 (param $rowBytes i32) (param $nodeOff i32) (param $p0 i32) (param $flow i32)
    (local $a v128) (local $b v128)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $s4 i32) (local $fp i32) (local $off i32) (local $np i32)
    (local.set $np (i32.add (global.get $parentNodePtr) (i32.shl (local.get $p0) (i32.const 2))))
    (local.set $s0 (i32.add (local.get $flow) (i32.mul (i32.load (local.get $np)) (local.get $rowBytes))))
    (local.set $s1 (i32.add (local.get $flow) (i32.mul (i32.load offset=4 (local.get $np)) (local.get $rowBytes))))
    (local.set $s2 (i32.add (local.get $flow) (i32.mul (i32.load offset=8 (local.get $np)) (local.get $rowBytes))))
    (local.set $s3 (i32.add (local.get $flow) (i32.mul (i32.load offset=12 (local.get $np)) (local.get $rowBytes))))
    (local.set $s4 (i32.add (local.get $flow) (i32.mul (i32.load offset=16 (local.get $np)) (local.get $rowBytes))))
    (local.set $fp (i32.add (local.get $flow) (local.get $nodeOff)))
    (block $quadsDone
      (loop $quad
        (br_if $quadsDone (i32.gt_u (i32.add (local.get $off) (i32.const 32)) (local.get $rowBytes)))
        (local.set $a (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (v128.load (i32.add (local.get $s0) (local.get $off))))
        (v128.load (i32.add (local.get $s1) (local.get $off))))
        (v128.load (i32.add (local.get $s2) (local.get $off))))
        (v128.load (i32.add (local.get $s3) (local.get $off))))
        (v128.load (i32.add (local.get $s4) (local.get $off)))))
        (local.set $b (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (v128.load offset=16 (i32.add (local.get $s0) (local.get $off))))
        (v128.load offset=16 (i32.add (local.get $s1) (local.get $off))))
        (v128.load offset=16 (i32.add (local.get $s2) (local.get $off))))
        (v128.load offset=16 (i32.add (local.get $s3) (local.get $off))))
        (v128.load offset=16 (i32.add (local.get $s4) (local.get $off)))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (local.get $a))
        (v128.store offset=16 (i32.add (local.get $fp) (local.get $off)) (local.get $b))
        (local.set $off (i32.add (local.get $off) (i32.const 32)))
        (br $quad)))
    (if (i32.lt_u (local.get $off) (local.get $rowBytes)) (then
        (local.set $a (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (v128.load (i32.add (local.get $s0) (local.get $off))))
        (v128.load (i32.add (local.get $s1) (local.get $off))))
        (v128.load (i32.add (local.get $s2) (local.get $off))))
        (v128.load (i32.add (local.get $s3) (local.get $off))))
        (v128.load (i32.add (local.get $s4) (local.get $off)))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (local.get $a)))))

  (func $pullProducts6 (param $rowBytes i32) (param $nodeOff i32) (param $p0 i32) (param $flow i32)
    (local $a v128) (local $b v128)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $s4 i32) (local $s5 i32) (local $fp i32) (local $off i32) (local $np i32)
    (local.set $np (i32.add (global.get $parentNodePtr) (i32.shl (local.get $p0) (i32.const 2))))
    (local.set $s0 (i32.add (local.get $flow) (i32.mul (i32.load (local.get $np)) (local.get $rowBytes))))
    (local.set $s1 (i32.add (local.get $flow) (i32.mul (i32.load offset=4 (local.get $np)) (local.get $rowBytes))))
    (local.set $s2 (i32.add (local.get $flow) (i32.mul (i32.load offset=8 (local.get $np)) (local.get $rowBytes))))
    (local.set $s3 (i32.add (local.get $flow) (i32.mul (i32.load offset=12 (local.get $np)) (local.get $rowBytes))))
    (local.set $s4 (i32.add (local.get $flow) (i32.mul (i32.load offset=16 (local.get $np)) (local.get $rowBytes))))
    (local.set $s5 (i32.add (local.get $flow) (i32.mul (i32.load offset=20 (local.get $np)) (local.get $rowBytes))))
    (local.set $fp (i32.add (local.get $flow) (local.get $nodeOff)))
    (block $quadsDone
      (loop $quad
        (br_if $quadsDone (i32.gt_u (i32.add (local.get $off) (i32.const 32)) (local.get $rowBytes)))
        (local.set $a (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (v128.load (i32.add (local.get $s0) (local.get $off))))
        (v128.load (i32.add (local.get $s1) (local.get $off))))
        (v128.load (i32.add (local.get $s2) (local.get $off))))
        (v128.load (i32.add (local.get $s3) (local.get $off))))
        (v128.load (i32.add (local.get $s4) (local.get $off))))
        (v128.load (i32.add (local.get $s5) (local.get $off)))))
        (local.set $b (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (v128.load offset=16 (i32.add (local.get $s0) (local.get $off))))
        (v128.load offset=16 (i32.add (local.get $s1) (local.get $off))))
        (v128.load offset=16 (i32.add (local.get $s2) (local.get $off))))
        (v128.load offset=16 (i32.add (local.get $s3) (local.get $off))))
        (v128.load offset=16 (i32.add (local.get $s4) (local.get $off))))
        (v128.load offset=16 (i32.add (local.get $s5) (local.get $off)))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (local.get $a))
        (v128.store offset=16 (i32.add (local.get $fp) (local.get $off)) (local.get $b))
        (local.set $off (i32.add (local.get $off) (i32.const 32)))
        (br $quad)))
    (if (i32.lt_u (local.get $off) (local.get $rowBytes)) (then
        (local.set $a (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.const f64x2 0 0) (v128.load (i32.add (local.get $s0) (local.get $off))))
        (v128.load (i32.add (local.get $s1) (local.get $off))))
        (v128.load (i32.add (local.get $s2) (local.get $off))))
        (v128.load (i32.add (local.get $s3) (local.get $off))))
        (v128.load (i32.add (local.get $s4) (local.get $off))))
        (v128.load (i32.add (local.get $s5) (local.get $off)))))
        (v128.store (i32.add (local.get $fp) (local.get $off)) (local.get $a)))))


  ;; Single-variable posteriors from the leaf flows (Poon & Domingos 2011, Sec. 3), slot-major
  ;; (out[slot * R + r]): a discrete X gets out[slot(X) + s] = sum over its leaves L of
  ;; flow_L p_L(s); a gaussian X gets its mixture mean at slot(X) and then its variance at
  ;; slot(X) + 1 by the law of total variance, centred at the mean (no cancellation). Variable by
  ;; variable, slot by slot, with the slot's accumulators in registers across the variable's leaves
  ;; (configureLeaves): each slot is written once instead of loaded and stored per leaf. The sums
  ;; start at 0 and take the leaves in increasing node order, as the earlier leaf-major loop did,
  ;; so the bits are the same.
  (func (export "leafMarginals") (param $R i32) (param $flow i32) (param $lp i32) (param $out i32) (param $slotCount i32)
    (local $rowBytes i32) (local $v i32) (local $i0 i32) (local $i1 i32) (local $states i32) (local $s i32) (local $op i32)
    (local.set $rowBytes (i32.shl (local.get $R) (i32.const 3)))
    (block $varsDone
      (loop $var
        (br_if $varsDone (i32.ge_u (local.get $v) (global.get $varCount)))
        (local.set $i0 (i32.load (i32.add (global.get $varLeafStartPtr) (i32.shl (local.get $v) (i32.const 2)))))
        (local.set $i1 (i32.load offset=4 (i32.add (global.get $varLeafStartPtr) (i32.shl (local.get $v) (i32.const 2)))))
        (local.set $states (i32.load (i32.add (global.get $varStatesPtr) (i32.shl (local.get $v) (i32.const 2)))))
        (local.set $op (i32.add (local.get $out) (i32.mul (local.get $rowBytes)
          (i32.load (i32.add (global.get $varSlotPtr) (i32.shl (local.get $v) (i32.const 2)))))))
        (if (i32.eqz (local.get $states))
          (then
            (call $slotRows (local.get $rowBytes) (local.get $i0) (local.get $i1) (local.get $flow) (local.get $lp) (i32.const 0) (local.get $op))
            (call $varianceRows (local.get $rowBytes) (local.get $i0) (local.get $i1) (local.get $flow) (local.get $lp) (local.get $op)))
          (else
            (local.set $s (i32.const 0))
            (block $statesDone
              (loop $state
                (br_if $statesDone (i32.ge_u (local.get $s) (local.get $states)))
                (call $slotRows (local.get $rowBytes) (local.get $i0) (local.get $i1) (local.get $flow) (local.get $lp)
                  (i32.shl (local.get $s) (i32.const 3)) (i32.add (local.get $op) (i32.mul (local.get $s) (local.get $rowBytes))))
                (local.set $s (i32.add (local.get $s) (i32.const 1)))
                (br $state)))))
        (local.set $v (i32.add (local.get $v) (i32.const 1)))
        (br $var))))

  ;; dst[r] = 0 + sum over the leaf-list entries i0 .. i1 of flow_i[r] * (parameter at byte sOff of
  ;; leaf i), in blocks of 8 rows (four accumulators), then of 2.
  (func $slotRows (param $rowBytes i32) (param $i0 i32) (param $i1 i32) (param $flow i32) (param $lp i32) (param $sOff i32) (param $dst i32)
    (local $off i32) (local $i i32) (local $fp i32) (local $pv v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (block $blocks8
      (loop $block8
        (br_if $blocks8 (i32.gt_u (i32.add (local.get $off) (i32.const 64)) (local.get $rowBytes)))
        (local.set $a0 (v128.const f64x2 0 0))
        (local.set $a1 (v128.const f64x2 0 0))
        (local.set $a2 (v128.const f64x2 0 0))
        (local.set $a3 (v128.const f64x2 0 0))
        (local.set $i (local.get $i0))
        (block $leavesDone
          (loop $leaf
            (br_if $leavesDone (i32.ge_u (local.get $i) (local.get $i1)))
            (local.set $fp (i32.add (i32.add (local.get $flow) (i32.mul (local.get $rowBytes)
              (i32.load (i32.add (global.get $varLeafFlowPtr) (i32.shl (local.get $i) (i32.const 2)))))) (local.get $off)))
            (local.set $pv (f64x2.splat (f64.load (i32.add (i32.add (local.get $lp) (local.get $sOff))
              (i32.load (i32.add (global.get $varLeafParamPtr) (i32.shl (local.get $i) (i32.const 2))))))))
            (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load (local.get $fp)) (local.get $pv))))
            (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (v128.load offset=16 (local.get $fp)) (local.get $pv))))
            (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (v128.load offset=32 (local.get $fp)) (local.get $pv))))
            (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (v128.load offset=48 (local.get $fp)) (local.get $pv))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $leaf)))
        (local.set $fp (i32.add (local.get $dst) (local.get $off)))
        (v128.store (local.get $fp) (local.get $a0))
        (v128.store offset=16 (local.get $fp) (local.get $a1))
        (v128.store offset=32 (local.get $fp) (local.get $a2))
        (v128.store offset=48 (local.get $fp) (local.get $a3))
        (local.set $off (i32.add (local.get $off) (i32.const 64)))
        (br $block8)))
    (block $blocks2
      (loop $block2
        (br_if $blocks2 (i32.ge_u (local.get $off) (local.get $rowBytes)))
        (local.set $a0 (v128.const f64x2 0 0))
        (local.set $i (local.get $i0))
        (block $leavesDone
          (loop $leaf
            (br_if $leavesDone (i32.ge_u (local.get $i) (local.get $i1)))
            (local.set $fp (i32.add (i32.add (local.get $flow) (i32.mul (local.get $rowBytes)
              (i32.load (i32.add (global.get $varLeafFlowPtr) (i32.shl (local.get $i) (i32.const 2)))))) (local.get $off)))
            (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load (local.get $fp))
              (f64x2.splat (f64.load (i32.add (i32.add (local.get $lp) (local.get $sOff))
                (i32.load (i32.add (global.get $varLeafParamPtr) (i32.shl (local.get $i) (i32.const 2))))))))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $leaf)))
        (v128.store (i32.add (local.get $dst) (local.get $off)) (local.get $a0))
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br $block2))))

  ;; A gaussian's variance slot: (dst + R)[r] = 0 + sum over its leaves of flow_i[r] * (std_i^2 +
  ;; (mean_i - m[r])^2), m = dst (its mean slot, already written), 2 rows at a time (gaussian
  ;; variables are few; this is not a hot loop).
  (func $varianceRows (param $rowBytes i32) (param $i0 i32) (param $i1 i32) (param $flow i32) (param $lp i32) (param $dst i32)
    (local $off i32) (local $i i32) (local $params i32) (local $m v128) (local $d v128) (local $a v128)
    (block $blocksDone
      (loop $block
        (br_if $blocksDone (i32.ge_u (local.get $off) (local.get $rowBytes)))
        (local.set $m (v128.load (i32.add (local.get $dst) (local.get $off))))
        (local.set $a (v128.const f64x2 0 0))
        (local.set $i (local.get $i0))
        (block $leavesDone
          (loop $leaf
            (br_if $leavesDone (i32.ge_u (local.get $i) (local.get $i1)))
            (local.set $params (i32.add (local.get $lp)
              (i32.load (i32.add (global.get $varLeafParamPtr) (i32.shl (local.get $i) (i32.const 2))))))
            (local.set $d (f64x2.sub (f64x2.splat (f64.load (local.get $params))) (local.get $m)))
            (local.set $a (f64x2.add (local.get $a) (f64x2.mul
              (v128.load (i32.add (i32.add (local.get $flow) (i32.mul (local.get $rowBytes)
                (i32.load (i32.add (global.get $varLeafFlowPtr) (i32.shl (local.get $i) (i32.const 2)))))) (local.get $off)))
              (f64x2.add (f64x2.splat (f64.mul (f64.load offset=8 (local.get $params)) (f64.load offset=8 (local.get $params))))
                (f64x2.mul (local.get $d) (local.get $d))))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $leaf)))
        (v128.store (i32.add (i32.add (local.get $dst) (local.get $rowBytes)) (local.get $off)) (local.get $a))
        (local.set $off (i32.add (local.get $off) (i32.const 16)))
        (br $block))))
)
