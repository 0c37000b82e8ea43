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
;; a = 1 / (1 + exp(-u)) for `count` floats (a may equal u). exp by Cody-Waite range
  ;; reduction and Cephes' degree-6 polynomial (float32, ~1 ulp); -u clamped to [-87, 88] so
  ;; 2^n stays a normal float. NaN stays NaN. Four at a time, then one lane at a time.
  (func (export "sigmoid") (param $u i32) (param $a i32) (param $count i32)
    (local $x v128) (local $n v128) (local $r v128) (local $p v128) (local $full i32)
    (block $done
      (loop $l
        (br_if $done (i32.le_s (local.get $count) (i32.const 0)))
        (local.set $full (i32.ge_s (local.get $count) (i32.const 4)))
        (if (local.get $full)
          (then (local.set $x (v128.load (local.get $u))))
          (else (local.set $x (v128.load32_zero (local.get $u)))))
        ;; x = clamp(-u)
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
        (local.set $p (f32x4.div (v128.const f32x4 1 1 1 1) (f32x4.add (v128.const f32x4 1 1 1 1) (local.get $p))))
        (if (local.get $full)
          (then
            (v128.store (local.get $a) (local.get $p))
            (local.set $u (i32.add (local.get $u) (i32.const 16)))
            (local.set $a (i32.add (local.get $a) (i32.const 16)))
            (local.set $count (i32.sub (local.get $count) (i32.const 4))))
          (else
            (f32.store (local.get $a) (f32x4.extract_lane 0 (local.get $p)))
            (local.set $u (i32.add (local.get $u) (i32.const 4)))
            (local.set $a (i32.add (local.get $a) (i32.const 4)))
            (local.set $count (i32.sub (local.get $count) (i32.const 1)))))
        (br $l))))

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
)
