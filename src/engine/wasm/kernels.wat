;; WebAssembly SIMD (f32x4) matrix kernels of the BatchNorm Explorer engine.
;; Hand-written; assembled by scripts/buildWasm.ts (wabt) into kernelsWasm.ts (base64).
;; Every pointer and stride is in BYTES; sizes (m, k, n) are in elements. Matrices are
;; row-major float32 in the imported memory. Accumulation is float32, as in TF.js.
(module
  (import "env" "memory" (memory 1))

  ;; c[0..4, 0..8] = sum_p A(r, p) b[p, 0..8] for 4 rows r of A (A(r, p) at pa + r*aRow + p*aInner).
  (func $block4x8
    (param $pa i32) (param $aRow i32) (param $aInner i32) (param $pb i32) (param $bRow i32)
    (param $pc i32) (param $k i32)
    (local $aRow2 i32) (local $aRow3 i32) (local $b0 v128) (local $b1 v128) (local $s v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $aRow2 (i32.shl (local.get $aRow) (i32.const 1)))
    (local.set $aRow3 (i32.add (local.get $aRow2) (local.get $aRow)))
    (if (i32.gt_s (local.get $k) (i32.const 0))
      (then
        (loop $p
          (local.set $b0 (v128.load (local.get $pb)))
          (local.set $b1 (v128.load offset=16 (local.get $pb)))
          (local.set $s (f32x4.splat (f32.load (local.get $pa))))
          (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $s) (local.get $b0))))
          (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $s) (local.get $b1))))
          (local.set $s (f32x4.splat (f32.load (i32.add (local.get $pa) (local.get $aRow)))))
          (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $s) (local.get $b0))))
          (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $s) (local.get $b1))))
          (local.set $s (f32x4.splat (f32.load (i32.add (local.get $pa) (local.get $aRow2)))))
          (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $s) (local.get $b0))))
          (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $s) (local.get $b1))))
          (local.set $s (f32x4.splat (f32.load (i32.add (local.get $pa) (local.get $aRow3)))))
          (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $s) (local.get $b0))))
          (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $s) (local.get $b1))))
          (local.set $pa (i32.add (local.get $pa) (local.get $aInner)))
          (local.set $pb (i32.add (local.get $pb) (local.get $bRow)))
          (br_if $p (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (v128.store (local.get $pc) (local.get $c00))
    (v128.store offset=16 (local.get $pc) (local.get $c01))
    (local.set $pc (i32.add (local.get $pc) (local.get $bRow)))
    (v128.store (local.get $pc) (local.get $c10))
    (v128.store offset=16 (local.get $pc) (local.get $c11))
    (local.set $pc (i32.add (local.get $pc) (local.get $bRow)))
    (v128.store (local.get $pc) (local.get $c20))
    (v128.store offset=16 (local.get $pc) (local.get $c21))
    (local.set $pc (i32.add (local.get $pc) (local.get $bRow)))
    (v128.store (local.get $pc) (local.get $c30))
    (v128.store offset=16 (local.get $pc) (local.get $c31)))

  ;; As $block4x8 with 4 columns.
  (func $block4x4
    (param $pa i32) (param $aRow i32) (param $aInner i32) (param $pb i32) (param $bRow i32)
    (param $pc i32) (param $k i32)
    (local $aRow2 i32) (local $aRow3 i32) (local $b0 v128)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128)
    (local.set $aRow2 (i32.shl (local.get $aRow) (i32.const 1)))
    (local.set $aRow3 (i32.add (local.get $aRow2) (local.get $aRow)))
    (if (i32.gt_s (local.get $k) (i32.const 0))
      (then
        (loop $p
          (local.set $b0 (v128.load (local.get $pb)))
          (local.set $c0 (f32x4.add (local.get $c0)
            (f32x4.mul (f32x4.splat (f32.load (local.get $pa))) (local.get $b0))))
          (local.set $c1 (f32x4.add (local.get $c1)
            (f32x4.mul (f32x4.splat (f32.load (i32.add (local.get $pa) (local.get $aRow)))) (local.get $b0))))
          (local.set $c2 (f32x4.add (local.get $c2)
            (f32x4.mul (f32x4.splat (f32.load (i32.add (local.get $pa) (local.get $aRow2)))) (local.get $b0))))
          (local.set $c3 (f32x4.add (local.get $c3)
            (f32x4.mul (f32x4.splat (f32.load (i32.add (local.get $pa) (local.get $aRow3)))) (local.get $b0))))
          (local.set $pa (i32.add (local.get $pa) (local.get $aInner)))
          (local.set $pb (i32.add (local.get $pb) (local.get $bRow)))
          (br_if $p (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (v128.store (local.get $pc) (local.get $c0))
    (local.set $pc (i32.add (local.get $pc) (local.get $bRow)))
    (v128.store (local.get $pc) (local.get $c1))
    (local.set $pc (i32.add (local.get $pc) (local.get $bRow)))
    (v128.store (local.get $pc) (local.get $c2))
    (local.set $pc (i32.add (local.get $pc) (local.get $bRow)))
    (v128.store (local.get $pc) (local.get $c3)))

  ;; One row of A times 4 columns of b.
  (func $block1x4
    (param $pa i32) (param $aInner i32) (param $pb i32) (param $bRow i32) (param $pc i32) (param $k i32)
    (local $c0 v128)
    (if (i32.gt_s (local.get $k) (i32.const 0))
      (then
        (loop $p
          (local.set $c0 (f32x4.add (local.get $c0)
            (f32x4.mul (f32x4.splat (f32.load (local.get $pa))) (v128.load (local.get $pb)))))
          (local.set $pa (i32.add (local.get $pa) (local.get $aInner)))
          (local.set $pb (i32.add (local.get $pb) (local.get $bRow)))
          (br_if $p (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (v128.store (local.get $pc) (local.get $c0)))

  ;; One entry: c = sum_p A(p) b[p, j].
  (func $block1x1
    (param $pa i32) (param $aInner i32) (param $pb i32) (param $bRow i32) (param $pc i32) (param $k i32)
    (local $sum f32)
    (if (i32.gt_s (local.get $k) (i32.const 0))
      (then
        (loop $p
          (local.set $sum (f32.add (local.get $sum) (f32.mul (f32.load (local.get $pa)) (f32.load (local.get $pb)))))
          (local.set $pa (i32.add (local.get $pa) (local.get $aInner)))
          (local.set $pb (i32.add (local.get $pb) (local.get $bRow)))
          (br_if $p (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))))
    (f32.store (local.get $pc) (local.get $sum)))

  ;; c[m x n] = A b: A(i, p) at a + i*aRow + p*aInner, b row-major [k x n]. Overwrites c.
  (func (export "product")
    (param $a i32) (param $aRow i32) (param $aInner i32) (param $b i32) (param $c i32)
    (param $m i32) (param $k i32) (param $n i32)
    (local $i i32) (local $j i32) (local $r i32) (local $bRow i32) (local $pa i32) (local $pc i32)
    (local.set $bRow (i32.shl (local.get $n) (i32.const 2)))
    ;; blocks of 4 rows
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.gt_s (i32.add (local.get $i) (i32.const 4)) (local.get $m)))
        (local.set $pa (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $aRow))))
        (local.set $pc (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $bRow))))
        (local.set $j (i32.const 0))
        (block $d8
          (loop $l8
            (br_if $d8 (i32.gt_s (i32.add (local.get $j) (i32.const 8)) (local.get $n)))
            (call $block4x8 (local.get $pa) (local.get $aRow) (local.get $aInner)
              (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))) (local.get $bRow)
              (i32.add (local.get $pc) (i32.shl (local.get $j) (i32.const 2))) (local.get $k))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $l8)))
        (if (i32.le_s (i32.add (local.get $j) (i32.const 4)) (local.get $n))
          (then
            (call $block4x4 (local.get $pa) (local.get $aRow) (local.get $aInner)
              (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))) (local.get $bRow)
              (i32.add (local.get $pc) (i32.shl (local.get $j) (i32.const 2))) (local.get $k))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))))
        (block $d1
          (loop $l1
            (br_if $d1 (i32.ge_s (local.get $j) (local.get $n)))
            (local.set $r (i32.const 0))
            (loop $rr
              (call $block1x1
                (i32.add (local.get $pa) (i32.mul (local.get $r) (local.get $aRow))) (local.get $aInner)
                (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))) (local.get $bRow)
                (i32.add (i32.add (local.get $pc) (i32.mul (local.get $r) (local.get $bRow))) (i32.shl (local.get $j) (i32.const 2)))
                (local.get $k))
              (br_if $rr (i32.lt_s (local.tee $r (i32.add (local.get $r) (i32.const 1))) (i32.const 4))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $l1)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $rows)))
    ;; remaining rows one by one
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_s (local.get $i) (local.get $m)))
        (local.set $pa (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $aRow))))
        (local.set $pc (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $bRow))))
        (local.set $j (i32.const 0))
        (block $d4
          (loop $l4
            (br_if $d4 (i32.gt_s (i32.add (local.get $j) (i32.const 4)) (local.get $n)))
            (call $block1x4 (local.get $pa) (local.get $aInner)
              (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))) (local.get $bRow)
              (i32.add (local.get $pc) (i32.shl (local.get $j) (i32.const 2))) (local.get $k))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $l4)))
        (block $e1
          (loop $m1
            (br_if $e1 (i32.ge_s (local.get $j) (local.get $n)))
            (call $block1x1 (local.get $pa) (local.get $aInner)
              (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))) (local.get $bRow)
              (i32.add (local.get $pc) (i32.shl (local.get $j) (i32.const 2))) (local.get $k))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $m1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $tail))))

  ;; Zero-skipping c[m x n] = A b for a mostly-zero A (strides as in "product"): per row of A,
  ;; gathers (byte offset of b's row, value) of its nonzeros into `list` (8 bytes each, k at
  ;; most), then adds those rows of b, 16, 4 then 1 columns at a time. A skipped zero times an
  ;; infinite weight gives 0, not NaN, as in the JS kernel.
  (func (export "sparseProduct")
    (param $a i32) (param $aRow i32) (param $aInner i32) (param $b i32) (param $c i32)
    (param $m i32) (param $k i32) (param $n i32) (param $list i32)
    (local $i i32) (local $p i32) (local $pa i32) (local $pl i32) (local $end i32) (local $j i32)
    (local $bRow i32) (local $pc i32) (local $pb i32) (local $q i32) (local $v f32) (local $s v128)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128) (local $sum f32)
    (local.set $bRow (i32.shl (local.get $n) (i32.const 2)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_s (local.get $i) (local.get $m)))
        ;; gather the nonzeros of row i
        (local.set $pa (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $aRow))))
        (local.set $pl (local.get $list))
        (local.set $p (i32.const 0))
        (block $gDone
          (loop $g
            (br_if $gDone (i32.ge_s (local.get $p) (local.get $k)))
            ;; branch-free: always write the entry, keep it only if nonzero
            (local.set $v (f32.load (local.get $pa)))
            (i32.store (local.get $pl) (i32.mul (local.get $p) (local.get $bRow)))
            (f32.store offset=4 (local.get $pl) (local.get $v))
            (local.set $pl (i32.add (local.get $pl)
              (i32.shl (f32.ne (local.get $v) (f32.const 0)) (i32.const 3))))
            (local.set $pa (i32.add (local.get $pa) (local.get $aInner)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $g)))
        (local.set $end (local.get $pl))
        (local.set $pc (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $bRow))))
        (local.set $j (i32.const 0))
        ;; 16 columns at a time
        (block $d16
          (loop $l16
            (br_if $d16 (i32.gt_s (i32.add (local.get $j) (i32.const 16)) (local.get $n)))
            (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $c0 (v128.const i32x4 0 0 0 0))
            (local.set $c1 (v128.const i32x4 0 0 0 0))
            (local.set $c2 (v128.const i32x4 0 0 0 0))
            (local.set $c3 (v128.const i32x4 0 0 0 0))
            (local.set $q (local.get $list))
            (block $qDone
              (loop $ql
                (br_if $qDone (i32.ge_u (local.get $q) (local.get $end)))
                (local.set $s (f32x4.splat (f32.load offset=4 (local.get $q))))
                (local.set $p (i32.add (local.get $pb) (i32.load (local.get $q))))
                (local.set $c0 (f32x4.add (local.get $c0) (f32x4.mul (local.get $s) (v128.load (local.get $p)))))
                (local.set $c1 (f32x4.add (local.get $c1) (f32x4.mul (local.get $s) (v128.load offset=16 (local.get $p)))))
                (local.set $c2 (f32x4.add (local.get $c2) (f32x4.mul (local.get $s) (v128.load offset=32 (local.get $p)))))
                (local.set $c3 (f32x4.add (local.get $c3) (f32x4.mul (local.get $s) (v128.load offset=48 (local.get $p)))))
                (local.set $q (i32.add (local.get $q) (i32.const 8)))
                (br $ql)))
            (local.set $p (i32.add (local.get $pc) (i32.shl (local.get $j) (i32.const 2))))
            (v128.store (local.get $p) (local.get $c0))
            (v128.store offset=16 (local.get $p) (local.get $c1))
            (v128.store offset=32 (local.get $p) (local.get $c2))
            (v128.store offset=48 (local.get $p) (local.get $c3))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $l16)))
        ;; 4 columns at a time
        (block $d4
          (loop $l4
            (br_if $d4 (i32.gt_s (i32.add (local.get $j) (i32.const 4)) (local.get $n)))
            (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $c0 (v128.const i32x4 0 0 0 0))
            (local.set $q (local.get $list))
            (block $q4Done
              (loop $q4
                (br_if $q4Done (i32.ge_u (local.get $q) (local.get $end)))
                (local.set $c0 (f32x4.add (local.get $c0)
                  (f32x4.mul (f32x4.splat (f32.load offset=4 (local.get $q)))
                    (v128.load (i32.add (local.get $pb) (i32.load (local.get $q)))))))
                (local.set $q (i32.add (local.get $q) (i32.const 8)))
                (br $q4)))
            (v128.store (i32.add (local.get $pc) (i32.shl (local.get $j) (i32.const 2))) (local.get $c0))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $l4)))
        ;; single columns
        (block $d1
          (loop $l1
            (br_if $d1 (i32.ge_s (local.get $j) (local.get $n)))
            (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $sum (f32.const 0))
            (local.set $q (local.get $list))
            (block $q1Done
              (loop $q1
                (br_if $q1Done (i32.ge_u (local.get $q) (local.get $end)))
                (local.set $sum (f32.add (local.get $sum)
                  (f32.mul (f32.load offset=4 (local.get $q)) (f32.load (i32.add (local.get $pb) (i32.load (local.get $q)))))))
                (local.set $q (i32.add (local.get $q) (i32.const 8)))
                (br $q1)))
            (f32.store (i32.add (local.get $pc) (i32.shl (local.get $j) (i32.const 2))) (local.get $sum))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $l1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; Number of exact zeros (+0 or -0) among `length` floats at `a`.
  (func (export "countZeros") (param $a i32) (param $length i32) (result i32)
    (local $end i32) (local $end4 i32) (local $counts v128) (local $zeros i32)
    (local.set $end (i32.add (local.get $a) (i32.shl (local.get $length) (i32.const 2))))
    (local.set $end4 (i32.add (local.get $a) (i32.shl (i32.and (local.get $length) (i32.const -4)) (i32.const 2))))
    (block $d4
      (loop $l4
        (br_if $d4 (i32.ge_u (local.get $a) (local.get $end4)))
        (local.set $counts (i32x4.sub (local.get $counts) (f32x4.eq (v128.load (local.get $a)) (v128.const i32x4 0 0 0 0))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (br $l4)))
    (local.set $zeros (i32.add
      (i32.add (i32x4.extract_lane 0 (local.get $counts)) (i32x4.extract_lane 1 (local.get $counts)))
      (i32.add (i32x4.extract_lane 2 (local.get $counts)) (i32x4.extract_lane 3 (local.get $counts)))))
    (block $d1
      (loop $l1
        (br_if $d1 (i32.ge_u (local.get $a) (local.get $end)))
        (if (f32.eq (f32.load (local.get $a)) (f32.const 0))
          (then (local.set $zeros (i32.add (local.get $zeros) (i32.const 1)))))
        (local.set $a (i32.add (local.get $a) (i32.const 4)))
        (br $l1)))
    (local.get $zeros))

  ;; dst[cols x rows] = src[rows x cols]^T.
  (func (export "transpose") (param $src i32) (param $dst i32) (param $rows i32) (param $cols i32)
    (local $r i32) (local $col i32) (local $ps i32) (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $rows) (i32.const 2)))
    (block $rDone
      (loop $rl
        (br_if $rDone (i32.ge_s (local.get $r) (local.get $rows)))
        (local.set $col (i32.const 0))
        (block $cDone
          (loop $cl
            (br_if $cDone (i32.ge_s (local.get $col) (local.get $cols)))
            (f32.store
              (i32.add (i32.add (local.get $dst) (i32.mul (local.get $col) (local.get $rowBytes))) (i32.shl (local.get $r) (i32.const 2)))
              (f32.load (local.get $src)))
            (local.set $src (i32.add (local.get $src) (i32.const 4)))
            (local.set $col (i32.add (local.get $col) (i32.const 1)))
            (br $cl)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rl))))
  ;; sigmoid(x) = 1 / (1 + exp(-x)) on four float32 lanes. exp by Cody-Waite range reduction
  ;; and Cephes' degree-6 polynomial (float32, ~1 ulp), then 1 / (1 + exp) in float64 (rounded
  ;; once); -x clamped to [-87, 88] so 2^n stays a normal float. NaN stays NaN.
  (func $sigmoid4 (param $x v128) (result v128)
    (local $n v128) (local $r v128) (local $p v128)
    ;; x = clamp(-x)
    (local.set $x (f32x4.min (f32x4.max (f32x4.neg (local.get $x)) (v128.const f32x4 -87 -87 -87 -87))
      (v128.const f32x4 88 88 88 88)))
    (local.set $n (f32x4.nearest (f32x4.mul (local.get $x)
      (v128.const f32x4 1.44269504088896341 1.44269504088896341 1.44269504088896341 1.44269504088896341))))
    (local.set $r (f32x4.sub (f32x4.sub (local.get $x)
      (f32x4.mul (local.get $n) (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375)))
      (f32x4.mul (local.get $n) (v128.const f32x4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4))))
    (local.set $p (v128.const f32x4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r))
      (v128.const f32x4 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r))
      (v128.const f32x4 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r))
      (v128.const f32x4 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r))
      (v128.const f32x4 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r))
      (v128.const f32x4 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1)))
    ;; exp(r) = p r^2 + r + 1, times 2^n built in the exponent bits
    (local.set $p (f32x4.add (f32x4.add (f32x4.mul (local.get $p) (f32x4.mul (local.get $r) (local.get $r)))
      (local.get $r)) (v128.const f32x4 1 1 1 1)))
    (local.set $p (f32x4.mul (local.get $p)
      (i32x4.shl (i32x4.add (i32x4.trunc_sat_f32x4_s (local.get $n)) (v128.const i32x4 127 127 127 127)) (i32.const 23))))
    ;; 1 / (1 + e) in float64, rounded once: only exp's error remains
    (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
      (f32x4.demote_f64x2_zero (f64x2.div (v128.const f64x2 1 1)
        (f64x2.add (v128.const f64x2 1 1) (f64x2.promote_low_f32x4 (local.get $p)))))
      (f32x4.demote_f64x2_zero (f64x2.div (v128.const f64x2 1 1)
        (f64x2.add (v128.const f64x2 1 1) (f64x2.promote_low_f32x4
          (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $p) (local.get $p))))))))

  ;; a = 1 / (1 + exp(-u)) for `count` floats (a may equal u): four at a time, then one lane at a time.
  (func (export "sigmoid") (param $u i32) (param $a i32) (param $count i32)
    (block $d4
      (loop $l4
        (br_if $d4 (i32.lt_s (local.get $count) (i32.const 4)))
        (v128.store (local.get $a) (call $sigmoid4 (v128.load (local.get $u))))
        (local.set $u (i32.add (local.get $u) (i32.const 16)))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $count (i32.sub (local.get $count) (i32.const 4)))
        (br $l4)))
    (block $d1
      (loop $l1
        (br_if $d1 (i32.le_s (local.get $count) (i32.const 0)))
        (v128.store32_lane 0 (local.get $a) (call $sigmoid4 (v128.load32_zero (local.get $u))))
        (local.set $u (i32.add (local.get $u) (i32.const 4)))
        (local.set $a (i32.add (local.get $a) (i32.const 4)))
        (local.set $count (i32.sub (local.get $count) (i32.const 1)))
        (br $l1))))

  ;; SGD on `count` floats, in float64 exactly as the JS loop: with momentum 0, w -= eta g;
  ;; otherwise v = mu v + g (stored as float32), w -= eta v (with v in float64). Two at a time.
  (func (export "sgd") (param $w i32) (param $g i32) (param $v i32) (param $count i32)
    (param $eta f64) (param $mu f64)
    (local $etas v128) (local $mus v128) (local $velocity v128)
    (local.set $etas (f64x2.splat (local.get $eta)))
    (local.set $mus (f64x2.splat (local.get $mu)))
    (if (f64.eq (local.get $mu) (f64.const 0))
      (then
        (block $d2
          (loop $l2
            (br_if $d2 (i32.lt_s (local.get $count) (i32.const 2)))
            (v128.store64_lane 0 (local.get $w) (f32x4.demote_f64x2_zero
              (f64x2.sub (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $w)))
                (f64x2.mul (local.get $etas) (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $g)))))))
            (local.set $w (i32.add (local.get $w) (i32.const 8)))
            (local.set $g (i32.add (local.get $g) (i32.const 8)))
            (local.set $count (i32.sub (local.get $count) (i32.const 2)))
            (br $l2)))
        (if (i32.gt_s (local.get $count) (i32.const 0))
          (then
            (f32.store (local.get $w) (f32.demote_f64
              (f64.sub (f64.promote_f32 (f32.load (local.get $w)))
                (f64.mul (local.get $eta) (f64.promote_f32 (f32.load (local.get $g))))))))))
      (else
        (block $m2
          (loop $k2
            (br_if $m2 (i32.lt_s (local.get $count) (i32.const 2)))
            (local.set $velocity (f64x2.add
              (f64x2.mul (local.get $mus) (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $v))))
              (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $g)))))
            (v128.store64_lane 0 (local.get $v) (f32x4.demote_f64x2_zero (local.get $velocity)))
            (v128.store64_lane 0 (local.get $w) (f32x4.demote_f64x2_zero
              (f64x2.sub (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $w)))
                (f64x2.mul (local.get $etas) (local.get $velocity)))))
            (local.set $w (i32.add (local.get $w) (i32.const 8)))
            (local.set $g (i32.add (local.get $g) (i32.const 8)))
            (local.set $v (i32.add (local.get $v) (i32.const 8)))
            (local.set $count (i32.sub (local.get $count) (i32.const 2)))
            (br $k2)))
        (if (i32.gt_s (local.get $count) (i32.const 0))
          (then
            (local.set $velocity (f64x2.splat (f64.add
              (f64.mul (local.get $mu) (f64.promote_f32 (f32.load (local.get $v))))
              (f64.promote_f32 (f32.load (local.get $g))))))
            (f32.store (local.get $v) (f32.demote_f64 (f64x2.extract_lane 0 (local.get $velocity))))
            (f32.store (local.get $w) (f32.demote_f64
              (f64.sub (f64.promote_f32 (f32.load (local.get $w)))
                (f64.mul (local.get $eta) (f64x2.extract_lane 0 (local.get $velocity)))))))))))

  ;; ---- Element-wise layer ops, row-major [n x units]: BN (Algorithms 1 and 2), bias and the
  ;; nonlinearities, forward and backward. Each mirrors the float64 arithmetic of its JS twin
  ;; (batchNorm.ts, dense.ts, activations.ts) operation for operation, so results are
  ;; bit-identical (wasm has no fused multiply-add). Columns go four at a time ("wide"), the
  ;; last units % 4 one lane at a time; float64 per-unit arrays are [units] of 8 bytes.
  ;; Forward nonlinearity codes: 0 leave `a` alone, 1 linear (copy), 2 sigmoid, 3 relu.
  ;; Backward codes: 0 linear, 1 sigmoid, 2 tanh, 3 relu.

  ;; The forward nonlinearity on four lanes (relu: x where x > 0, else +0, NaN -> 0 as in JS).
  (func $activate (param $x v128) (param $act i32) (result v128)
    (if (result v128) (i32.eq (local.get $act) (i32.const 2))
      (then (call $sigmoid4 (local.get $x)))
      (else
        (if (result v128) (i32.eq (local.get $act) (i32.const 3))
          (then (v128.and (local.get $x) (f32x4.gt (local.get $x) (v128.const f32x4 0 0 0 0))))
          (else (local.get $x))))))

  ;; dL/du from dL/da = $d on four lanes, as activations.ts: sigmoid d * (a (1 - a)) and tanh
  ;; d * (1 - a^2) in float64 rounded once to float32; relu d where u > 0, else +0; linear d.
  (func $activationGradient (param $d v128) (param $u v128) (param $a v128) (param $act i32) (result v128)
    (local $lo v128) (local $hi v128)
    (if (i32.eq (local.get $act) (i32.const 3))
      (then (return (v128.and (local.get $d) (f32x4.gt (local.get $u) (v128.const f32x4 0 0 0 0))))))
    (if (i32.eqz (local.get $act)) (then (return (local.get $d))))
    (local.set $lo (f64x2.promote_low_f32x4 (local.get $a)))
    (local.set $hi (f64x2.promote_low_f32x4
      (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $a) (local.get $a))))
    (if (i32.eq (local.get $act) (i32.const 1))
      (then
        (local.set $lo (f64x2.mul (local.get $lo) (f64x2.sub (v128.const f64x2 1 1) (local.get $lo))))
        (local.set $hi (f64x2.mul (local.get $hi) (f64x2.sub (v128.const f64x2 1 1) (local.get $hi)))))
      (else
        (local.set $lo (f64x2.sub (v128.const f64x2 1 1) (f64x2.mul (local.get $lo) (local.get $lo))))
        (local.set $hi (f64x2.sub (v128.const f64x2 1 1) (f64x2.mul (local.get $hi) (local.get $hi))))))
    (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
      (f32x4.demote_f64x2_zero (f64x2.mul (f64x2.promote_low_f32x4 (local.get $d)) (local.get $lo)))
      (f32x4.demote_f64x2_zero (f64x2.mul (f64x2.promote_low_f32x4
        (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $d) (local.get $d))) (local.get $hi)))))

  ;; Four floats at $p when $wide, else one (the others 0).
  (func $load (param $p i32) (param $wide i32) (result v128)
    (if (result v128) (local.get $wide)
      (then (v128.load (local.get $p)))
      (else (v128.load32_zero (local.get $p)))))

  ;; Stores four lanes of $x at $p when $wide, else lane 0.
  (func $store (param $p i32) (param $x v128) (param $wide i32)
    (if (local.get $wide)
      (then (v128.store (local.get $p) (local.get $x)))
      (else (v128.store32_lane 0 (local.get $p) (local.get $x)))))

  ;; z += bias (per unit, float32 addition as JS's) then, unless $act is 0, a = f(z).
  (func (export "biasActivation")
    (param $z i32) (param $bias i32) (param $a i32) (param $n i32) (param $units i32) (param $act i32)
    (local $j i32) (local $o i32) (local $wide i32) (local $x v128) (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $units) (i32.const 2)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.le_s (local.get $n) (i32.const 0)))
        (local.set $j (i32.const 0))
        (block $colsDone
          (loop $cols
            (br_if $colsDone (i32.ge_s (local.get $j) (local.get $units)))
            (local.set $wide (i32.le_s (i32.add (local.get $j) (i32.const 4)) (local.get $units)))
            (local.set $o (i32.shl (local.get $j) (i32.const 2)))
            (local.set $x (f32x4.add
              (call $load (i32.add (local.get $z) (local.get $o)) (local.get $wide))
              (call $load (i32.add (local.get $bias) (local.get $o)) (local.get $wide))))
            (call $store (i32.add (local.get $z) (local.get $o)) (local.get $x) (local.get $wide))
            (if (local.get $act)
              (then (call $store (i32.add (local.get $a) (local.get $o))
                (call $activate (local.get $x) (local.get $act)) (local.get $wide))))
            (local.set $j (i32.add (local.get $j) (select (i32.const 4) (i32.const 1) (local.get $wide))))
            (br $cols)))
        (local.set $z (i32.add (local.get $z) (local.get $rowBytes)))
        (local.set $a (i32.add (local.get $a) (local.get $rowBytes)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $rows))))

  ;; sums[u] (float64, zeroed first) += f64(x[r, u]) over the n rows of x; with $centre, adds
  ;; (x - centre[u])^2 instead (centre float64 [units]).
  (func $columnSums (param $x i32) (param $n i32) (param $units i32) (param $sums i32) (param $centre i32)
    (local $j i32) (local $wide i32) (local $v v128) (local $lo v128) (local $hi v128) (local $ps i32)
    (local $pc i32) (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $units) (i32.const 2)))
    (local.set $j (i32.const 0))
    (block $zDone
      (loop $z
        (br_if $zDone (i32.ge_s (local.get $j) (local.get $units)))
        (f64.store (i32.add (local.get $sums) (i32.shl (local.get $j) (i32.const 3))) (f64.const 0))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $z)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.le_s (local.get $n) (i32.const 0)))
        (local.set $j (i32.const 0))
        (block $colsDone
          (loop $cols
            (br_if $colsDone (i32.ge_s (local.get $j) (local.get $units)))
            (local.set $wide (i32.le_s (i32.add (local.get $j) (i32.const 4)) (local.get $units)))
            (local.set $v (call $load (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 2))) (local.get $wide)))
            (local.set $lo (f64x2.promote_low_f32x4 (local.get $v)))
            (local.set $hi (f64x2.promote_low_f32x4
              (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $v) (local.get $v))))
            (local.set $ps (i32.add (local.get $sums) (i32.shl (local.get $j) (i32.const 3))))
            (if (local.get $centre)
              (then
                (local.set $pc (i32.add (local.get $centre) (i32.shl (local.get $j) (i32.const 3))))
                (if (local.get $wide)
                  (then
                    (local.set $lo (f64x2.sub (local.get $lo) (v128.load (local.get $pc))))
                    (local.set $hi (f64x2.sub (local.get $hi) (v128.load offset=16 (local.get $pc)))))
                  (else (local.set $lo (f64x2.sub (local.get $lo) (v128.load64_zero (local.get $pc))))))
                (local.set $lo (f64x2.mul (local.get $lo) (local.get $lo)))
                (local.set $hi (f64x2.mul (local.get $hi) (local.get $hi)))))
            (if (local.get $wide)
              (then
                (v128.store (local.get $ps) (f64x2.add (v128.load (local.get $ps)) (local.get $lo)))
                (v128.store offset=16 (local.get $ps) (f64x2.add (v128.load offset=16 (local.get $ps)) (local.get $hi)))
                (local.set $j (i32.add (local.get $j) (i32.const 4))))
              (else
                (v128.store64_lane 0 (local.get $ps) (f64x2.add (v128.load64_zero (local.get $ps)) (local.get $lo)))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))))
            (br $cols)))
        (local.set $x (i32.add (local.get $x) (local.get $rowBytes)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $rows))))

  ;; Algorithm 1 forward in training mode, as batchNorm.ts: per unit, mean and biased variance
  ;; over the batch (float64), invStd = 1 / sqrt(var + eps); xHat = (z - mean) invStd (float32),
  ;; u = gamma xHat + beta from the unrounded float64 xHat; then a = f(u) unless $act is 0.
  (func (export "batchNormForward")
    (param $z i32) (param $u i32) (param $a i32) (param $n i32) (param $units i32)
    (param $gamma i32) (param $beta i32) (param $eps f64)
    (param $mean i32) (param $variance i32) (param $invStd i32) (param $xHat i32) (param $act i32)
    (local $j i32) (local $o i32) (local $o8 i32) (local $wide i32) (local $x v128) (local $r i32)
    (local $lo v128) (local $hi v128) (local $m0 v128) (local $m1 v128) (local $s0 v128) (local $s1 v128)
    (local $g v128) (local $b v128) (local $y v128) (local $count f64) (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $units) (i32.const 2)))
    (local.set $count (f64.convert_i32_s (local.get $n)))
    (call $columnSums (local.get $z) (local.get $n) (local.get $units) (local.get $mean) (i32.const 0))
    (local.set $j (i32.const 0))
    (block $mDone
      (loop $m
        (br_if $mDone (i32.ge_s (local.get $j) (local.get $units)))
        (local.set $o8 (i32.shl (local.get $j) (i32.const 3)))
        (f64.store (i32.add (local.get $mean) (local.get $o8))
          (f64.div (f64.load (i32.add (local.get $mean) (local.get $o8))) (local.get $count)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $m)))
    (call $columnSums (local.get $z) (local.get $n) (local.get $units) (local.get $variance) (local.get $mean))
    (local.set $j (i32.const 0))
    (block $vDone
      (loop $v
        (br_if $vDone (i32.ge_s (local.get $j) (local.get $units)))
        (local.set $o8 (i32.shl (local.get $j) (i32.const 3)))
        (f64.store (i32.add (local.get $variance) (local.get $o8))
          (f64.div (f64.load (i32.add (local.get $variance) (local.get $o8))) (local.get $count)))
        (f64.store (i32.add (local.get $invStd) (local.get $o8))
          (f64.div (f64.const 1) (f64.sqrt (f64.add (f64.load (i32.add (local.get $variance) (local.get $o8))) (local.get $eps)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $v)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_s (local.get $r) (local.get $n)))
        (local.set $j (i32.const 0))
        (block $colsDone
          (loop $cols
            (br_if $colsDone (i32.ge_s (local.get $j) (local.get $units)))
            (local.set $wide (i32.le_s (i32.add (local.get $j) (i32.const 4)) (local.get $units)))
            (local.set $o (i32.shl (local.get $j) (i32.const 2)))
            (local.set $o8 (i32.shl (local.get $j) (i32.const 3)))
            (local.set $x (call $load (i32.add (local.get $z) (local.get $o)) (local.get $wide)))
            (local.set $g (call $load (i32.add (local.get $gamma) (local.get $o)) (local.get $wide)))
            (local.set $b (call $load (i32.add (local.get $beta) (local.get $o)) (local.get $wide)))
            (if (local.get $wide)
              (then
                (local.set $m0 (v128.load (i32.add (local.get $mean) (local.get $o8))))
                (local.set $m1 (v128.load offset=16 (i32.add (local.get $mean) (local.get $o8))))
                (local.set $s0 (v128.load (i32.add (local.get $invStd) (local.get $o8))))
                (local.set $s1 (v128.load offset=16 (i32.add (local.get $invStd) (local.get $o8)))))
              (else
                (local.set $m0 (v128.load64_zero (i32.add (local.get $mean) (local.get $o8))))
                (local.set $s0 (v128.load64_zero (i32.add (local.get $invStd) (local.get $o8))))))
            ;; normalised, float64
            (local.set $lo (f64x2.mul (f64x2.sub (f64x2.promote_low_f32x4 (local.get $x)) (local.get $m0)) (local.get $s0)))
            (local.set $hi (f64x2.mul (f64x2.sub (f64x2.promote_low_f32x4
              (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $x) (local.get $x)))
              (local.get $m1)) (local.get $s1)))
            (call $store (i32.add (i32.add (local.get $xHat) (i32.mul (local.get $r) (local.get $rowBytes))) (local.get $o))
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                (f32x4.demote_f64x2_zero (local.get $lo)) (f32x4.demote_f64x2_zero (local.get $hi)))
              (local.get $wide))
            ;; y = gamma normalised + beta, float64 then float32
            (local.set $y (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
              (f32x4.demote_f64x2_zero (f64x2.add
                (f64x2.mul (f64x2.promote_low_f32x4 (local.get $g)) (local.get $lo))
                (f64x2.promote_low_f32x4 (local.get $b))))
              (f32x4.demote_f64x2_zero (f64x2.add
                (f64x2.mul (f64x2.promote_low_f32x4
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $g) (local.get $g))) (local.get $hi))
                (f64x2.promote_low_f32x4
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $b) (local.get $b)))))))
            (call $store (i32.add (local.get $u) (local.get $o)) (local.get $y) (local.get $wide))
            (if (local.get $act)
              (then (call $store (i32.add (local.get $a) (local.get $o))
                (call $activate (local.get $y) (local.get $act)) (local.get $wide))))
            (local.set $j (i32.add (local.get $j) (select (i32.const 4) (i32.const 1) (local.get $wide))))
            (br $cols)))
        (local.set $z (i32.add (local.get $z) (local.get $rowBytes)))
        (local.set $u (i32.add (local.get $u) (local.get $rowBytes)))
        (local.set $a (i32.add (local.get $a) (local.get $rowBytes)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows))))

  ;; u = scale z + shift per unit (scale, shift float64 [units]), rounded once to float32 (Algorithm
  ;; 2 as batchNorm.ts's batchNormInference); then a = f(u) unless $act is 0.
  (func (export "affineActivation")
    (param $z i32) (param $u i32) (param $a i32) (param $n i32) (param $units i32)
    (param $scale i32) (param $shift i32) (param $act i32)
    (local $j i32) (local $o i32) (local $o8 i32) (local $wide i32) (local $x v128) (local $y v128)
    (local $s0 v128) (local $s1 v128) (local $t0 v128) (local $t1 v128) (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $units) (i32.const 2)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.le_s (local.get $n) (i32.const 0)))
        (local.set $j (i32.const 0))
        (block $colsDone
          (loop $cols
            (br_if $colsDone (i32.ge_s (local.get $j) (local.get $units)))
            (local.set $wide (i32.le_s (i32.add (local.get $j) (i32.const 4)) (local.get $units)))
            (local.set $o (i32.shl (local.get $j) (i32.const 2)))
            (local.set $o8 (i32.shl (local.get $j) (i32.const 3)))
            (local.set $x (call $load (i32.add (local.get $z) (local.get $o)) (local.get $wide)))
            (if (local.get $wide)
              (then
                (local.set $s0 (v128.load (i32.add (local.get $scale) (local.get $o8))))
                (local.set $s1 (v128.load offset=16 (i32.add (local.get $scale) (local.get $o8))))
                (local.set $t0 (v128.load (i32.add (local.get $shift) (local.get $o8))))
                (local.set $t1 (v128.load offset=16 (i32.add (local.get $shift) (local.get $o8)))))
              (else
                (local.set $s0 (v128.load64_zero (i32.add (local.get $scale) (local.get $o8))))
                (local.set $t0 (v128.load64_zero (i32.add (local.get $shift) (local.get $o8))))))
            (local.set $y (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
              (f32x4.demote_f64x2_zero (f64x2.add
                (f64x2.mul (local.get $s0) (f64x2.promote_low_f32x4 (local.get $x))) (local.get $t0)))
              (f32x4.demote_f64x2_zero (f64x2.add
                (f64x2.mul (local.get $s1) (f64x2.promote_low_f32x4
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $x) (local.get $x))))
                (local.get $t1)))))
            (call $store (i32.add (local.get $u) (local.get $o)) (local.get $y) (local.get $wide))
            (if (local.get $act)
              (then (call $store (i32.add (local.get $a) (local.get $o))
                (call $activate (local.get $y) (local.get $act)) (local.get $wide))))
            (local.set $j (i32.add (local.get $j) (select (i32.const 4) (i32.const 1) (local.get $wide))))
            (br $cols)))
        (local.set $z (i32.add (local.get $z) (local.get $rowBytes)))
        (local.set $u (i32.add (local.get $u) (local.get $rowBytes)))
        (local.set $a (i32.add (local.get $a) (local.get $rowBytes)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $rows))))

  ;; delta = f'(u) delta in place (dL/da -> dL/du, backward code $act), as activations.ts; then,
  ;; when $sums is not 0, sums[u] (float64, zeroed first) = column sums of the new delta and,
  ;; when $xHat is not 0, sumsXHat[u] = column sums of delta * xHat.
  (func $activationBackwardSums
    (param $delta i32) (param $u i32) (param $a i32) (param $n i32) (param $units i32) (param $act i32)
    (param $sums i32) (param $xHat i32) (param $sumsXHat i32)
    (local $j i32) (local $o i32) (local $o8 i32) (local $wide i32) (local $g v128) (local $x v128)
    (local $lo v128) (local $hi v128) (local $p i32) (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $units) (i32.const 2)))
    (local.set $j (i32.const 0))
    (block $zDone
      (loop $zl
        (br_if $zDone (i32.ge_s (local.get $j) (local.get $units)))
        (local.set $o8 (i32.shl (local.get $j) (i32.const 3)))
        (if (local.get $sums) (then (f64.store (i32.add (local.get $sums) (local.get $o8)) (f64.const 0))))
        (if (local.get $xHat) (then (f64.store (i32.add (local.get $sumsXHat) (local.get $o8)) (f64.const 0))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $zl)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.le_s (local.get $n) (i32.const 0)))
        (local.set $j (i32.const 0))
        (block $colsDone
          (loop $cols
            (br_if $colsDone (i32.ge_s (local.get $j) (local.get $units)))
            (local.set $wide (i32.le_s (i32.add (local.get $j) (i32.const 4)) (local.get $units)))
            (local.set $o (i32.shl (local.get $j) (i32.const 2)))
            (local.set $o8 (i32.shl (local.get $j) (i32.const 3)))
            (local.set $g (call $load (i32.add (local.get $delta) (local.get $o)) (local.get $wide)))
            (if (local.get $act)
              (then
                (local.set $g (call $activationGradient (local.get $g)
                  (call $load (i32.add (local.get $u) (local.get $o)) (local.get $wide))
                  (call $load (i32.add (local.get $a) (local.get $o)) (local.get $wide))
                  (local.get $act)))
                (call $store (i32.add (local.get $delta) (local.get $o)) (local.get $g) (local.get $wide))))
            (if (local.get $sums)
              (then
                (local.set $lo (f64x2.promote_low_f32x4 (local.get $g)))
                (local.set $hi (f64x2.promote_low_f32x4
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $g) (local.get $g))))
                (local.set $p (i32.add (local.get $sums) (local.get $o8)))
                (if (local.get $wide)
                  (then
                    (v128.store (local.get $p) (f64x2.add (v128.load (local.get $p)) (local.get $lo)))
                    (v128.store offset=16 (local.get $p) (f64x2.add (v128.load offset=16 (local.get $p)) (local.get $hi))))
                  (else (v128.store64_lane 0 (local.get $p) (f64x2.add (v128.load64_zero (local.get $p)) (local.get $lo)))))
                (if (local.get $xHat)
                  (then
                    (local.set $x (call $load (i32.add (local.get $xHat) (local.get $o)) (local.get $wide)))
                    (local.set $lo (f64x2.mul (local.get $lo) (f64x2.promote_low_f32x4 (local.get $x))))
                    (local.set $hi (f64x2.mul (local.get $hi) (f64x2.promote_low_f32x4
                      (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $x) (local.get $x)))))
                    (local.set $p (i32.add (local.get $sumsXHat) (local.get $o8)))
                    (if (local.get $wide)
                      (then
                        (v128.store (local.get $p) (f64x2.add (v128.load (local.get $p)) (local.get $lo)))
                        (v128.store offset=16 (local.get $p) (f64x2.add (v128.load offset=16 (local.get $p)) (local.get $hi))))
                      (else (v128.store64_lane 0 (local.get $p) (f64x2.add (v128.load64_zero (local.get $p)) (local.get $lo)))))))))
            (local.set $j (i32.add (local.get $j) (select (i32.const 4) (i32.const 1) (local.get $wide))))
            (br $cols)))
        (local.set $delta (i32.add (local.get $delta) (local.get $rowBytes)))
        (local.set $u (i32.add (local.get $u) (local.get $rowBytes)))
        (local.set $a (i32.add (local.get $a) (local.get $rowBytes)))
        (if (local.get $xHat) (then (local.set $xHat (i32.add (local.get $xHat) (local.get $rowBytes)))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $rows))))

  ;; delta = f'(u) delta in place (backward code $act); then, when $dBias is not 0, dBias (float32)
  ;; = column sums of the new delta, summed in float64 in `sums` (float64 [units] scratch).
  (func (export "activationBackward")
    (param $delta i32) (param $u i32) (param $a i32) (param $n i32) (param $units i32) (param $act i32)
    (param $dBias i32) (param $sums i32)
    (local $j i32)
    (call $activationBackwardSums (local.get $delta) (local.get $u) (local.get $a) (local.get $n) (local.get $units)
      (local.get $act) (select (local.get $sums) (i32.const 0) (local.get $dBias)) (i32.const 0) (i32.const 0))
    (if (local.get $dBias)
      (then
        (block $done
          (loop $l
            (br_if $done (i32.ge_s (local.get $j) (local.get $units)))
            (f32.store (i32.add (local.get $dBias) (i32.shl (local.get $j) (i32.const 2)))
              (f32.demote_f64 (f64.load (i32.add (local.get $sums) (i32.shl (local.get $j) (i32.const 3))))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $l))))))

  ;; Activation backward then Algorithm 1 backward, in place on delta, as batchNorm.ts:
  ;; dBeta = sum g, dGamma = sum g xHat (float64 sums, then their means in sumDelta and
  ;; sumDeltaXHat), delta = gamma invStd ((g - mean g) - xHat mean(g xHat)).
  (func (export "batchNormBackward")
    (param $delta i32) (param $u i32) (param $a i32) (param $n i32) (param $units i32) (param $act i32)
    (param $gamma i32) (param $invStd i32) (param $xHat i32) (param $sumDelta i32) (param $sumDeltaXHat i32)
    (param $dGamma i32) (param $dBeta i32)
    (local $j i32) (local $o i32) (local $o8 i32) (local $wide i32) (local $count f64) (local $rowBytes i32)
    (local $d v128) (local $x v128) (local $g v128) (local $lo v128) (local $hi v128)
    (local $k0 v128) (local $k1 v128) (local $m0 v128) (local $m1 v128) (local $q0 v128) (local $q1 v128)
    (local.set $rowBytes (i32.shl (local.get $units) (i32.const 2)))
    (local.set $count (f64.convert_i32_s (local.get $n)))
    (call $activationBackwardSums (local.get $delta) (local.get $u) (local.get $a) (local.get $n) (local.get $units)
      (local.get $act) (local.get $sumDelta) (local.get $xHat) (local.get $sumDeltaXHat))
    (block $uDone
      (loop $ul
        (br_if $uDone (i32.ge_s (local.get $j) (local.get $units)))
        (local.set $o (i32.shl (local.get $j) (i32.const 2)))
        (local.set $o8 (i32.shl (local.get $j) (i32.const 3)))
        (f32.store (i32.add (local.get $dBeta) (local.get $o)) (f32.demote_f64 (f64.load (i32.add (local.get $sumDelta) (local.get $o8)))))
        (f32.store (i32.add (local.get $dGamma) (local.get $o)) (f32.demote_f64 (f64.load (i32.add (local.get $sumDeltaXHat) (local.get $o8)))))
        (f64.store (i32.add (local.get $sumDelta) (local.get $o8))
          (f64.div (f64.load (i32.add (local.get $sumDelta) (local.get $o8))) (local.get $count)))
        (f64.store (i32.add (local.get $sumDeltaXHat) (local.get $o8))
          (f64.div (f64.load (i32.add (local.get $sumDeltaXHat) (local.get $o8))) (local.get $count)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $ul)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.le_s (local.get $n) (i32.const 0)))
        (local.set $j (i32.const 0))
        (block $colsDone
          (loop $cols
            (br_if $colsDone (i32.ge_s (local.get $j) (local.get $units)))
            (local.set $wide (i32.le_s (i32.add (local.get $j) (i32.const 4)) (local.get $units)))
            (local.set $o (i32.shl (local.get $j) (i32.const 2)))
            (local.set $o8 (i32.shl (local.get $j) (i32.const 3)))
            (local.set $d (call $load (i32.add (local.get $delta) (local.get $o)) (local.get $wide)))
            (local.set $x (call $load (i32.add (local.get $xHat) (local.get $o)) (local.get $wide)))
            (local.set $g (call $load (i32.add (local.get $gamma) (local.get $o)) (local.get $wide)))
            (if (local.get $wide)
              (then
                (local.set $k0 (v128.load (i32.add (local.get $invStd) (local.get $o8))))
                (local.set $k1 (v128.load offset=16 (i32.add (local.get $invStd) (local.get $o8))))
                (local.set $m0 (v128.load (i32.add (local.get $sumDelta) (local.get $o8))))
                (local.set $m1 (v128.load offset=16 (i32.add (local.get $sumDelta) (local.get $o8))))
                (local.set $q0 (v128.load (i32.add (local.get $sumDeltaXHat) (local.get $o8))))
                (local.set $q1 (v128.load offset=16 (i32.add (local.get $sumDeltaXHat) (local.get $o8)))))
              (else
                (local.set $k0 (v128.load64_zero (i32.add (local.get $invStd) (local.get $o8))))
                (local.set $m0 (v128.load64_zero (i32.add (local.get $sumDelta) (local.get $o8))))
                (local.set $q0 (v128.load64_zero (i32.add (local.get $sumDeltaXHat) (local.get $o8))))))
            ;; (gamma invStd) ((d - mean) - xHat meanXHat), float64
            (local.set $lo (f64x2.mul
              (f64x2.mul (f64x2.promote_low_f32x4 (local.get $g)) (local.get $k0))
              (f64x2.sub (f64x2.sub (f64x2.promote_low_f32x4 (local.get $d)) (local.get $m0))
                (f64x2.mul (f64x2.promote_low_f32x4 (local.get $x)) (local.get $q0)))))
            (local.set $hi (f64x2.mul
              (f64x2.mul (f64x2.promote_low_f32x4
                (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $g) (local.get $g))) (local.get $k1))
              (f64x2.sub (f64x2.sub (f64x2.promote_low_f32x4
                (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $d) (local.get $d))) (local.get $m1))
                (f64x2.mul (f64x2.promote_low_f32x4
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $x) (local.get $x))) (local.get $q1)))))
            (call $store (i32.add (local.get $delta) (local.get $o))
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                (f32x4.demote_f64x2_zero (local.get $lo)) (f32x4.demote_f64x2_zero (local.get $hi)))
              (local.get $wide))
            (local.set $j (i32.add (local.get $j) (select (i32.const 4) (i32.const 1) (local.get $wide))))
            (br $cols)))
        (local.set $delta (i32.add (local.get $delta) (local.get $rowBytes)))
        (local.set $xHat (i32.add (local.get $xHat) (local.get $rowBytes)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $rows))))

  ;; GroupNorm (Wu & He 2018; LayerNorm is one group) forward, as groupNorm.ts: per example and
  ;; group of units / groups consecutive units, float64 mean and biased variance (summed two lanes
  ;; at a time, so in another order than the JS), invStd[r groups + g] = 1 / sqrt(var + eps),
  ;; xHat = (z - mean) invStd (float32), u = gamma xHat + beta (float64, then float32); then
  ;; a = f(u) unless $act is 0.
  (func (export "groupNormForward")
    (param $z i32) (param $u i32) (param $a i32) (param $n i32) (param $units i32) (param $groups i32)
    (param $gamma i32) (param $beta i32) (param $eps f64) (param $invStd i32) (param $xHat i32) (param $act i32)
    (local $width i32) (local $count f64) (local $rowBytes i32) (local $g i32) (local $end i32) (local $j i32)
    (local $o i32) (local $wide i32) (local $x v128) (local $lo v128) (local $hi v128) (local $acc v128)
    (local $tail f64) (local $mean f64) (local $scale f64) (local $m2 v128) (local $s2 v128)
    (local $gm v128) (local $bt v128) (local $y v128) (local $t f64)
    (local.set $width (i32.div_u (local.get $units) (local.get $groups)))
    (local.set $count (f64.convert_i32_u (local.get $width)))
    (local.set $rowBytes (i32.shl (local.get $units) (i32.const 2)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.le_s (local.get $n) (i32.const 0)))
        (local.set $g (i32.const 0))
        (block $groupsDone
          (loop $groupLoop
            (br_if $groupsDone (i32.ge_u (local.get $g) (local.get $groups)))
            (local.set $end (i32.mul (i32.add (local.get $g) (i32.const 1)) (local.get $width)))
            ;; pass 1: the sum
            (local.set $acc (v128.const f64x2 0 0))
            (local.set $tail (f64.const 0))
            (local.set $j (i32.mul (local.get $g) (local.get $width)))
            (block $s4Done
              (loop $s4
                (br_if $s4Done (i32.gt_s (i32.add (local.get $j) (i32.const 4)) (local.get $end)))
                (local.set $x (v128.load (i32.add (local.get $z) (i32.shl (local.get $j) (i32.const 2)))))
                (local.set $acc (f64x2.add (local.get $acc) (f64x2.add (f64x2.promote_low_f32x4 (local.get $x))
                  (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $x) (local.get $x))))))
                (local.set $j (i32.add (local.get $j) (i32.const 4)))
                (br $s4)))
            (block $s1Done
              (loop $s1
                (br_if $s1Done (i32.ge_s (local.get $j) (local.get $end)))
                (local.set $tail (f64.add (local.get $tail)
                  (f64.promote_f32 (f32.load (i32.add (local.get $z) (i32.shl (local.get $j) (i32.const 2)))))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $s1)))
            (local.set $mean (f64.div (f64.add (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc)))
              (local.get $tail)) (local.get $count)))
            (local.set $m2 (f64x2.splat (local.get $mean)))
            ;; pass 2: the squared deviations
            (local.set $acc (v128.const f64x2 0 0))
            (local.set $tail (f64.const 0))
            (local.set $j (i32.mul (local.get $g) (local.get $width)))
            (block $v4Done
              (loop $v4
                (br_if $v4Done (i32.gt_s (i32.add (local.get $j) (i32.const 4)) (local.get $end)))
                (local.set $x (v128.load (i32.add (local.get $z) (i32.shl (local.get $j) (i32.const 2)))))
                (local.set $lo (f64x2.sub (f64x2.promote_low_f32x4 (local.get $x)) (local.get $m2)))
                (local.set $hi (f64x2.sub (f64x2.promote_low_f32x4
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $x) (local.get $x))) (local.get $m2)))
                (local.set $acc (f64x2.add (local.get $acc)
                  (f64x2.add (f64x2.mul (local.get $lo) (local.get $lo)) (f64x2.mul (local.get $hi) (local.get $hi)))))
                (local.set $j (i32.add (local.get $j) (i32.const 4)))
                (br $v4)))
            (block $v1Done
              (loop $v1
                (br_if $v1Done (i32.ge_s (local.get $j) (local.get $end)))
                (local.set $t (f64.sub (f64.promote_f32 (f32.load (i32.add (local.get $z) (i32.shl (local.get $j) (i32.const 2)))))
                  (local.get $mean)))
                (local.set $tail (f64.add (local.get $tail) (f64.mul (local.get $t) (local.get $t))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $v1)))
            (local.set $scale (f64.div (f64.const 1) (f64.sqrt (f64.add (f64.div (f64.add (f64.add
              (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc))) (local.get $tail)) (local.get $count))
              (local.get $eps)))))
            (f64.store (local.get $invStd) (local.get $scale))
            (local.set $invStd (i32.add (local.get $invStd) (i32.const 8)))
            (local.set $s2 (f64x2.splat (local.get $scale)))
            ;; pass 3: xHat, u = gamma xHat + beta, a = f(u)
            (local.set $j (i32.mul (local.get $g) (local.get $width)))
            (block $wDone
              (loop $w
                (br_if $wDone (i32.ge_s (local.get $j) (local.get $end)))
                (local.set $wide (i32.le_s (i32.add (local.get $j) (i32.const 4)) (local.get $end)))
                (local.set $o (i32.shl (local.get $j) (i32.const 2)))
                (local.set $x (call $load (i32.add (local.get $z) (local.get $o)) (local.get $wide)))
                (local.set $gm (call $load (i32.add (local.get $gamma) (local.get $o)) (local.get $wide)))
                (local.set $bt (call $load (i32.add (local.get $beta) (local.get $o)) (local.get $wide)))
                (local.set $lo (f64x2.mul (f64x2.sub (f64x2.promote_low_f32x4 (local.get $x)) (local.get $m2)) (local.get $s2)))
                (local.set $hi (f64x2.mul (f64x2.sub (f64x2.promote_low_f32x4
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $x) (local.get $x))) (local.get $m2)) (local.get $s2)))
                (call $store (i32.add (local.get $xHat) (local.get $o))
                  (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                    (f32x4.demote_f64x2_zero (local.get $lo)) (f32x4.demote_f64x2_zero (local.get $hi)))
                  (local.get $wide))
                (local.set $y (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                  (f32x4.demote_f64x2_zero (f64x2.add
                    (f64x2.mul (f64x2.promote_low_f32x4 (local.get $gm)) (local.get $lo))
                    (f64x2.promote_low_f32x4 (local.get $bt))))
                  (f32x4.demote_f64x2_zero (f64x2.add
                    (f64x2.mul (f64x2.promote_low_f32x4
                      (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $gm) (local.get $gm))) (local.get $hi))
                    (f64x2.promote_low_f32x4
                      (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $bt) (local.get $bt)))))))
                (call $store (i32.add (local.get $u) (local.get $o)) (local.get $y) (local.get $wide))
                (if (local.get $act)
                  (then (call $store (i32.add (local.get $a) (local.get $o))
                    (call $activate (local.get $y) (local.get $act)) (local.get $wide))))
                (local.set $j (i32.add (local.get $j) (select (i32.const 4) (i32.const 1) (local.get $wide))))
                (br $w)))
            (local.set $g (i32.add (local.get $g) (i32.const 1)))
            (br $groupLoop)))
        (local.set $z (i32.add (local.get $z) (local.get $rowBytes)))
        (local.set $u (i32.add (local.get $u) (local.get $rowBytes)))
        (local.set $a (i32.add (local.get $a) (local.get $rowBytes)))
        (local.set $xHat (i32.add (local.get $xHat) (local.get $rowBytes)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $rows))))

  ;; GroupNorm backward, in place on delta, as groupNorm.ts: first delta = f'(u) delta (backward
  ;; code $act) with dBeta = sum delta and dGamma = sum delta xHat per unit (float64 sums, then
  ;; float32); then per example and group, with d = gamma delta over its units,
  ;; delta = invStd (d - mean(d) - xHat mean(d xHat)) (float64 group sums, two lanes at a time).
  (func (export "groupNormBackward")
    (param $delta i32) (param $u i32) (param $a i32) (param $n i32) (param $units i32) (param $groups i32) (param $act i32)
    (param $gamma i32) (param $invStd i32) (param $xHat i32) (param $sumDelta i32) (param $sumDeltaXHat i32)
    (param $dGamma i32) (param $dBeta i32)
    (local $width i32) (local $count f64) (local $rowBytes i32) (local $g i32) (local $end i32) (local $j i32)
    (local $o i32) (local $wide i32) (local $dy v128) (local $gm v128) (local $x v128) (local $lo v128) (local $hi v128)
    (local $accD v128) (local $accDX v128) (local $tailD f64) (local $tailDX f64) (local $t f64)
    (local $mD v128) (local $mDX v128) (local $s2 v128)
    (call $activationBackwardSums (local.get $delta) (local.get $u) (local.get $a) (local.get $n) (local.get $units)
      (local.get $act) (local.get $sumDelta) (local.get $xHat) (local.get $sumDeltaXHat))
    (block $uDone
      (loop $ul
        (br_if $uDone (i32.ge_s (local.get $j) (local.get $units)))
        (f32.store (i32.add (local.get $dBeta) (i32.shl (local.get $j) (i32.const 2)))
          (f32.demote_f64 (f64.load (i32.add (local.get $sumDelta) (i32.shl (local.get $j) (i32.const 3))))))
        (f32.store (i32.add (local.get $dGamma) (i32.shl (local.get $j) (i32.const 2)))
          (f32.demote_f64 (f64.load (i32.add (local.get $sumDeltaXHat) (i32.shl (local.get $j) (i32.const 3))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $ul)))
    (local.set $width (i32.div_u (local.get $units) (local.get $groups)))
    (local.set $count (f64.convert_i32_u (local.get $width)))
    (local.set $rowBytes (i32.shl (local.get $units) (i32.const 2)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.le_s (local.get $n) (i32.const 0)))
        (local.set $g (i32.const 0))
        (block $groupsDone
          (loop $groupLoop
            (br_if $groupsDone (i32.ge_u (local.get $g) (local.get $groups)))
            (local.set $end (i32.mul (i32.add (local.get $g) (i32.const 1)) (local.get $width)))
            ;; pass 1: sums of d = gamma delta and of d xHat over the group
            (local.set $accD (v128.const f64x2 0 0))
            (local.set $accDX (v128.const f64x2 0 0))
            (local.set $tailD (f64.const 0))
            (local.set $tailDX (f64.const 0))
            (local.set $j (i32.mul (local.get $g) (local.get $width)))
            (block $s4Done
              (loop $s4
                (br_if $s4Done (i32.gt_s (i32.add (local.get $j) (i32.const 4)) (local.get $end)))
                (local.set $o (i32.shl (local.get $j) (i32.const 2)))
                (local.set $dy (v128.load (i32.add (local.get $delta) (local.get $o))))
                (local.set $gm (v128.load (i32.add (local.get $gamma) (local.get $o))))
                (local.set $x (v128.load (i32.add (local.get $xHat) (local.get $o))))
                (local.set $lo (f64x2.mul (f64x2.promote_low_f32x4 (local.get $gm)) (f64x2.promote_low_f32x4 (local.get $dy))))
                (local.set $hi (f64x2.mul
                  (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $gm) (local.get $gm)))
                  (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $dy) (local.get $dy)))))
                (local.set $accD (f64x2.add (local.get $accD) (f64x2.add (local.get $lo) (local.get $hi))))
                (local.set $accDX (f64x2.add (local.get $accDX) (f64x2.add
                  (f64x2.mul (local.get $lo) (f64x2.promote_low_f32x4 (local.get $x)))
                  (f64x2.mul (local.get $hi) (f64x2.promote_low_f32x4
                    (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $x) (local.get $x)))))))
                (local.set $j (i32.add (local.get $j) (i32.const 4)))
                (br $s4)))
            (block $s1Done
              (loop $s1
                (br_if $s1Done (i32.ge_s (local.get $j) (local.get $end)))
                (local.set $o (i32.shl (local.get $j) (i32.const 2)))
                (local.set $t (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $gamma) (local.get $o))))
                  (f64.promote_f32 (f32.load (i32.add (local.get $delta) (local.get $o))))))
                (local.set $tailD (f64.add (local.get $tailD) (local.get $t)))
                (local.set $tailDX (f64.add (local.get $tailDX)
                  (f64.mul (local.get $t) (f64.promote_f32 (f32.load (i32.add (local.get $xHat) (local.get $o)))))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $s1)))
            (local.set $mD (f64x2.splat (f64.div (f64.add (f64.add (f64x2.extract_lane 0 (local.get $accD))
              (f64x2.extract_lane 1 (local.get $accD))) (local.get $tailD)) (local.get $count))))
            (local.set $mDX (f64x2.splat (f64.div (f64.add (f64.add (f64x2.extract_lane 0 (local.get $accDX))
              (f64x2.extract_lane 1 (local.get $accDX))) (local.get $tailDX)) (local.get $count))))
            (local.set $s2 (f64x2.splat (f64.load (local.get $invStd))))
            (local.set $invStd (i32.add (local.get $invStd) (i32.const 8)))
            ;; pass 2: delta = invStd (gamma delta - mean(d) - xHat mean(d xHat))
            (local.set $j (i32.mul (local.get $g) (local.get $width)))
            (block $wDone
              (loop $w
                (br_if $wDone (i32.ge_s (local.get $j) (local.get $end)))
                (local.set $wide (i32.le_s (i32.add (local.get $j) (i32.const 4)) (local.get $end)))
                (local.set $o (i32.shl (local.get $j) (i32.const 2)))
                (local.set $dy (call $load (i32.add (local.get $delta) (local.get $o)) (local.get $wide)))
                (local.set $gm (call $load (i32.add (local.get $gamma) (local.get $o)) (local.get $wide)))
                (local.set $x (call $load (i32.add (local.get $xHat) (local.get $o)) (local.get $wide)))
                (local.set $lo (f64x2.mul (local.get $s2) (f64x2.sub (f64x2.sub
                  (f64x2.mul (f64x2.promote_low_f32x4 (local.get $gm)) (f64x2.promote_low_f32x4 (local.get $dy))) (local.get $mD))
                  (f64x2.mul (f64x2.promote_low_f32x4 (local.get $x)) (local.get $mDX)))))
                (local.set $hi (f64x2.mul (local.get $s2) (f64x2.sub (f64x2.sub
                  (f64x2.mul
                    (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $gm) (local.get $gm)))
                    (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $dy) (local.get $dy))))
                  (local.get $mD))
                  (f64x2.mul (f64x2.promote_low_f32x4
                    (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $x) (local.get $x))) (local.get $mDX)))))
                (call $store (i32.add (local.get $delta) (local.get $o))
                  (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                    (f32x4.demote_f64x2_zero (local.get $lo)) (f32x4.demote_f64x2_zero (local.get $hi)))
                  (local.get $wide))
                (local.set $j (i32.add (local.get $j) (select (i32.const 4) (i32.const 1) (local.get $wide))))
                (br $w)))
            (local.set $g (i32.add (local.get $g) (i32.const 1)))
            (br $groupLoop)))
        (local.set $delta (i32.add (local.get $delta) (local.get $rowBytes)))
        (local.set $xHat (i32.add (local.get $xHat) (local.get $rowBytes)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $rows))))
)
