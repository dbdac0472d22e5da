;; The engine's WebAssembly kernels as text: engine/fast/kernels/*.ts, registered in
;; engine/fast/kernel-list.ts, printed by engine/fast/wat-printer.ts. Generated: do not edit;
;; spec/fast-paths/kernels-wat.spec.ts checks it is current (UPDATE_KERNELS_WAT=1 npx vitest run spec/fast-paths/kernels-wat.spec.ts rewrites it).
;; The memory is shown as Node.js gets it with helper threads (1 GiB, shared); a runtime that
;; cannot reserve that much gets a smaller one, and one thread an unshared one (engine/fast/kernels.ts).
(module
  (import "env" "memory" (memory 16384 16384 shared))

  (func $add_FF (export "add_FF") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32) (param $overlapOk i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    (local $va v128)
    (local $vb v128)
    (local $sa f32)
    (local $sb f32)
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $r
        local.get $cols
        i32.mul
        i32.const 2
        i32.shl
        local.set $j
        local.get $out
        local.get $j
        i32.add
        local.set $outRow
        local.get $a
        local.get $j
        i32.add
        local.set $aRow
        local.get $b
        local.get $j
        i32.add
        local.set $bRow
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            i32.const 4
            i32.add
            local.get $cols
            i32.gt_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $aRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            v128.load
            local.get $bRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            v128.load
            f32x4.add
            v128.store
            local.get $j
            i32.const 4
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $overlapOk
        local.get $cols
        i32.const 4
        i32.ge_s
        i32.and
        local.get $j
        local.get $cols
        i32.lt_s
        i32.and
        if
          local.get $cols
          i32.const 4
          i32.sub
          local.set $j
          local.get $outRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          local.get $aRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          v128.load
          local.get $bRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          v128.load
          f32x4.add
          v128.store
          local.get $cols
          local.set $j
        end
        block
          loop
            local.get $j
            local.get $cols
            i32.ge_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $aRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $bRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            f32.load
            f32.add
            f32.store
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $add_FR (export "add_FR") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32) (param $overlapOk i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    (local $va v128)
    (local $vb v128)
    (local $sa f32)
    (local $sb f32)
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $r
        local.get $cols
        i32.mul
        i32.const 2
        i32.shl
        local.set $j
        local.get $out
        local.get $j
        i32.add
        local.set $outRow
        local.get $a
        local.get $j
        i32.add
        local.set $aRow
        local.get $b
        local.get $r
        i32.const 2
        i32.shl
        i32.add
        f32.load
        local.tee $sb
        f32x4.splat
        local.set $vb
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            i32.const 4
            i32.add
            local.get $cols
            i32.gt_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $aRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            v128.load
            local.get $vb
            f32x4.add
            v128.store
            local.get $j
            i32.const 4
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $overlapOk
        local.get $cols
        i32.const 4
        i32.ge_s
        i32.and
        local.get $j
        local.get $cols
        i32.lt_s
        i32.and
        if
          local.get $cols
          i32.const 4
          i32.sub
          local.set $j
          local.get $outRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          local.get $aRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          v128.load
          local.get $vb
          f32x4.add
          v128.store
          local.get $cols
          local.set $j
        end
        block
          loop
            local.get $j
            local.get $cols
            i32.ge_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $aRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $sb
            f32.add
            f32.store
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $add_FS (export "add_FS") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32) (param $overlapOk i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    (local $va v128)
    (local $vb v128)
    (local $sa f32)
    (local $sb f32)
    local.get $b
    f32.load
    local.tee $sb
    f32x4.splat
    local.set $vb
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $r
        local.get $cols
        i32.mul
        i32.const 2
        i32.shl
        local.set $j
        local.get $out
        local.get $j
        i32.add
        local.set $outRow
        local.get $a
        local.get $j
        i32.add
        local.set $aRow
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            i32.const 4
            i32.add
            local.get $cols
            i32.gt_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $aRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            v128.load
            local.get $vb
            f32x4.add
            v128.store
            local.get $j
            i32.const 4
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $overlapOk
        local.get $cols
        i32.const 4
        i32.ge_s
        i32.and
        local.get $j
        local.get $cols
        i32.lt_s
        i32.and
        if
          local.get $cols
          i32.const 4
          i32.sub
          local.set $j
          local.get $outRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          local.get $aRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          v128.load
          local.get $vb
          f32x4.add
          v128.store
          local.get $cols
          local.set $j
        end
        block
          loop
            local.get $j
            local.get $cols
            i32.ge_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $aRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $sb
            f32.add
            f32.store
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $add_RF (export "add_RF") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32) (param $overlapOk i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    (local $va v128)
    (local $vb v128)
    (local $sa f32)
    (local $sb f32)
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $r
        local.get $cols
        i32.mul
        i32.const 2
        i32.shl
        local.set $j
        local.get $out
        local.get $j
        i32.add
        local.set $outRow
        local.get $a
        local.get $r
        i32.const 2
        i32.shl
        i32.add
        f32.load
        local.tee $sa
        f32x4.splat
        local.set $va
        local.get $b
        local.get $j
        i32.add
        local.set $bRow
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            i32.const 4
            i32.add
            local.get $cols
            i32.gt_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $va
            local.get $bRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            v128.load
            f32x4.add
            v128.store
            local.get $j
            i32.const 4
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $overlapOk
        local.get $cols
        i32.const 4
        i32.ge_s
        i32.and
        local.get $j
        local.get $cols
        i32.lt_s
        i32.and
        if
          local.get $cols
          i32.const 4
          i32.sub
          local.set $j
          local.get $outRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          local.get $va
          local.get $bRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          v128.load
          f32x4.add
          v128.store
          local.get $cols
          local.set $j
        end
        block
          loop
            local.get $j
            local.get $cols
            i32.ge_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $sa
            local.get $bRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            f32.load
            f32.add
            f32.store
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $add_RR (export "add_RR") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32) (param $overlapOk i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    (local $va v128)
    (local $vb v128)
    (local $sa f32)
    (local $sb f32)
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $r
        local.get $cols
        i32.mul
        i32.const 2
        i32.shl
        local.set $j
        local.get $out
        local.get $j
        i32.add
        local.set $outRow
        local.get $a
        local.get $r
        i32.const 2
        i32.shl
        i32.add
        f32.load
        local.tee $sa
        f32x4.splat
        local.set $va
        local.get $b
        local.get $r
        i32.const 2
        i32.shl
        i32.add
        f32.load
        local.tee $sb
        f32x4.splat
        local.set $vb
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            i32.const 4
            i32.add
            local.get $cols
            i32.gt_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $va
            local.get $vb
            f32x4.add
            v128.store
            local.get $j
            i32.const 4
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $overlapOk
        local.get $cols
        i32.const 4
        i32.ge_s
        i32.and
        local.get $j
        local.get $cols
        i32.lt_s
        i32.and
        if
          local.get $cols
          i32.const 4
          i32.sub
          local.set $j
          local.get $outRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          local.get $va
          local.get $vb
          f32x4.add
          v128.store
          local.get $cols
          local.set $j
        end
        block
          loop
            local.get $j
            local.get $cols
            i32.ge_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $sa
            local.get $sb
            f32.add
            f32.store
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $add_RS (export "add_RS") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32) (param $overlapOk i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    (local $va v128)
    (local $vb v128)
    (local $sa f32)
    (local $sb f32)
    local.get $b
    f32.load
    local.tee $sb
    f32x4.splat
    local.set $vb
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $r
        local.get $cols
        i32.mul
        i32.const 2
        i32.shl
        local.set $j
        local.get $out
        local.get $j
        i32.add
        local.set $outRow
        local.get $a
        local.get $r
        i32.const 2
        i32.shl
        i32.add
        f32.load
        local.tee $sa
        f32x4.splat
        local.set $va
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            i32.const 4
            i32.add
            local.get $cols
            i32.gt_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $va
            local.get $vb
            f32x4.add
            v128.store
            local.get $j
            i32.const 4
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $overlapOk
        local.get $cols
        i32.const 4
        i32.ge_s
        i32.and
        local.get $j
        local.get $cols
        i32.lt_s
        i32.and
        if
          local.get $cols
          i32.const 4
          i32.sub
          local.set $j
          local.get $outRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          local.get $va
          local.get $vb
          f32x4.add
          v128.store
          local.get $cols
          local.set $j
        end
        block
          loop
            local.get $j
            local.get $cols
            i32.ge_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $sa
            local.get $sb
            f32.add
            f32.store
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $add_SF (export "add_SF") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32) (param $overlapOk i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    (local $va v128)
    (local $vb v128)
    (local $sa f32)
    (local $sb f32)
    local.get $a
    f32.load
    local.tee $sa
    f32x4.splat
    local.set $va
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $r
        local.get $cols
        i32.mul
        i32.const 2
        i32.shl
        local.set $j
        local.get $out
        local.get $j
        i32.add
        local.set $outRow
        local.get $b
        local.get $j
        i32.add
        local.set $bRow
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            i32.const 4
            i32.add
            local.get $cols
            i32.gt_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $va
            local.get $bRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            v128.load
            f32x4.add
            v128.store
            local.get $j
            i32.const 4
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $overlapOk
        local.get $cols
        i32.const 4
        i32.ge_s
        i32.and
        local.get $j
        local.get $cols
        i32.lt_s
        i32.and
        if
          local.get $cols
          i32.const 4
          i32.sub
          local.set $j
          local.get $outRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          local.get $va
          local.get $bRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          v128.load
          f32x4.add
          v128.store
          local.get $cols
          local.set $j
        end
        block
          loop
            local.get $j
            local.get $cols
            i32.ge_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $sa
            local.get $bRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            f32.load
            f32.add
            f32.store
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $add_SR (export "add_SR") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32) (param $overlapOk i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    (local $va v128)
    (local $vb v128)
    (local $sa f32)
    (local $sb f32)
    local.get $a
    f32.load
    local.tee $sa
    f32x4.splat
    local.set $va
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $r
        local.get $cols
        i32.mul
        i32.const 2
        i32.shl
        local.set $j
        local.get $out
        local.get $j
        i32.add
        local.set $outRow
        local.get $b
        local.get $r
        i32.const 2
        i32.shl
        i32.add
        f32.load
        local.tee $sb
        f32x4.splat
        local.set $vb
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            i32.const 4
            i32.add
            local.get $cols
            i32.gt_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $va
            local.get $vb
            f32x4.add
            v128.store
            local.get $j
            i32.const 4
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $overlapOk
        local.get $cols
        i32.const 4
        i32.ge_s
        i32.and
        local.get $j
        local.get $cols
        i32.lt_s
        i32.and
        if
          local.get $cols
          i32.const 4
          i32.sub
          local.set $j
          local.get $outRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          local.get $va
          local.get $vb
          f32x4.add
          v128.store
          local.get $cols
          local.set $j
        end
        block
          loop
            local.get $j
            local.get $cols
            i32.ge_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $sa
            local.get $sb
            f32.add
            f32.store
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $sub_FF (export "sub_FF") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32) (param $overlapOk i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    (local $va v128)
    (local $vb v128)
    (local $sa f32)
    (local $sb f32)
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $r
        local.get $cols
        i32.mul
        i32.const 2
        i32.shl
        local.set $j
        local.get $out
        local.get $j
        i32.add
        local.set $outRow
        local.get $a
        local.get $j
        i32.add
        local.set $aRow
        local.get $b
        local.get $j
        i32.add
        local.set $bRow
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            i32.const 4
            i32.add
            local.get $cols
            i32.gt_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $aRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            v128.load
            local.get $bRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            v128.load
            f32x4.sub
            v128.store
            local.get $j
            i32.const 4
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $overlapOk
        local.get $cols
        i32.const 4
        i32.ge_s
        i32.and
        local.get $j
        local.get $cols
        i32.lt_s
        i32.and
        if
          local.get $cols
          i32.const 4
          i32.sub
          local.set $j
          local.get $outRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          local.get $aRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          v128.load
          local.get $bRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          v128.load
          f32x4.sub
          v128.store
          local.get $cols
          local.set $j
        end
        block
          loop
            local.get $j
            local.get $cols
            i32.ge_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $aRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $bRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            f32.load
            f32.sub
            f32.store
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $sub_FR (export "sub_FR") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32) (param $overlapOk i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    (local $va v128)
    (local $vb v128)
    (local $sa f32)
    (local $sb f32)
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $r
        local.get $cols
        i32.mul
        i32.const 2
        i32.shl
        local.set $j
        local.get $out
        local.get $j
        i32.add
        local.set $outRow
        local.get $a
        local.get $j
        i32.add
        local.set $aRow
        local.get $b
        local.get $r
        i32.const 2
        i32.shl
        i32.add
        f32.load
        local.tee $sb
        f32x4.splat
        local.set $vb
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            i32.const 4
            i32.add
            local.get $cols
            i32.gt_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $aRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            v128.load
            local.get $vb
            f32x4.sub
            v128.store
            local.get $j
            i32.const 4
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $overlapOk
        local.get $cols
        i32.const 4
        i32.ge_s
        i32.and
        local.get $j
        local.get $cols
        i32.lt_s
        i32.and
        if
          local.get $cols
          i32.const 4
          i32.sub
          local.set $j
          local.get $outRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          local.get $aRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          v128.load
          local.get $vb
          f32x4.sub
          v128.store
          local.get $cols
          local.set $j
        end
        block
          loop
            local.get $j
            local.get $cols
            i32.ge_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $aRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $sb
            f32.sub
            f32.store
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $sub_FS (export "sub_FS") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32) (param $overlapOk i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    (local $va v128)
    (local $vb v128)
    (local $sa f32)
    (local $sb f32)
    local.get $b
    f32.load
    local.tee $sb
    f32x4.splat
    local.set $vb
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $r
        local.get $cols
        i32.mul
        i32.const 2
        i32.shl
        local.set $j
        local.get $out
        local.get $j
        i32.add
        local.set $outRow
        local.get $a
        local.get $j
        i32.add
        local.set $aRow
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            i32.const 4
            i32.add
            local.get $cols
            i32.gt_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $aRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            v128.load
            local.get $vb
            f32x4.sub
            v128.store
            local.get $j
            i32.const 4
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $overlapOk
        local.get $cols
        i32.const 4
        i32.ge_s
        i32.and
        local.get $j
        local.get $cols
        i32.lt_s
        i32.and
        if
          local.get $cols
          i32.const 4
          i32.sub
          local.set $j
          local.get $outRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          local.get $aRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          v128.load
          local.get $vb
          f32x4.sub
          v128.store
          local.get $cols
          local.set $j
        end
        block
          loop
            local.get $j
            local.get $cols
            i32.ge_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $aRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $sb
            f32.sub
            f32.store
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $sub_RF (export "sub_RF") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32) (param $overlapOk i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    (local $va v128)
    (local $vb v128)
    (local $sa f32)
    (local $sb f32)
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $r
        local.get $cols
        i32.mul
        i32.const 2
        i32.shl
        local.set $j
        local.get $out
        local.get $j
        i32.add
        local.set $outRow
        local.get $a
        local.get $r
        i32.const 2
        i32.shl
        i32.add
        f32.load
        local.tee $sa
        f32x4.splat
        local.set $va
        local.get $b
        local.get $j
        i32.add
        local.set $bRow
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            i32.const 4
            i32.add
            local.get $cols
            i32.gt_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $va
            local.get $bRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            v128.load
            f32x4.sub
            v128.store
            local.get $j
            i32.const 4
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $overlapOk
        local.get $cols
        i32.const 4
        i32.ge_s
        i32.and
        local.get $j
        local.get $cols
        i32.lt_s
        i32.and
        if
          local.get $cols
          i32.const 4
          i32.sub
          local.set $j
          local.get $outRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          local.get $va
          local.get $bRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          v128.load
          f32x4.sub
          v128.store
          local.get $cols
          local.set $j
        end
        block
          loop
            local.get $j
            local.get $cols
            i32.ge_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $sa
            local.get $bRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            f32.load
            f32.sub
            f32.store
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $sub_RR (export "sub_RR") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32) (param $overlapOk i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    (local $va v128)
    (local $vb v128)
    (local $sa f32)
    (local $sb f32)
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $r
        local.get $cols
        i32.mul
        i32.const 2
        i32.shl
        local.set $j
        local.get $out
        local.get $j
        i32.add
        local.set $outRow
        local.get $a
        local.get $r
        i32.const 2
        i32.shl
        i32.add
        f32.load
        local.tee $sa
        f32x4.splat
        local.set $va
        local.get $b
        local.get $r
        i32.const 2
        i32.shl
        i32.add
        f32.load
        local.tee $sb
        f32x4.splat
        local.set $vb
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            i32.const 4
            i32.add
            local.get $cols
            i32.gt_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $va
            local.get $vb
            f32x4.sub
            v128.store
            local.get $j
            i32.const 4
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $overlapOk
        local.get $cols
        i32.const 4
        i32.ge_s
        i32.and
        local.get $j
        local.get $cols
        i32.lt_s
        i32.and
        if
          local.get $cols
          i32.const 4
          i32.sub
          local.set $j
          local.get $outRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          local.get $va
          local.get $vb
          f32x4.sub
          v128.store
          local.get $cols
          local.set $j
        end
        block
          loop
            local.get $j
            local.get $cols
            i32.ge_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $sa
            local.get $sb
            f32.sub
            f32.store
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $sub_RS (export "sub_RS") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32) (param $overlapOk i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    (local $va v128)
    (local $vb v128)
    (local $sa f32)
    (local $sb f32)
    local.get $b
    f32.load
    local.tee $sb
    f32x4.splat
    local.set $vb
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $r
        local.get $cols
        i32.mul
        i32.const 2
        i32.shl
        local.set $j
        local.get $out
        local.get $j
        i32.add
        local.set $outRow
        local.get $a
        local.get $r
        i32.const 2
        i32.shl
        i32.add
        f32.load
        local.tee $sa
        f32x4.splat
        local.set $va
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            i32.const 4
            i32.add
            local.get $cols
            i32.gt_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $va
            local.get $vb
            f32x4.sub
            v128.store
            local.get $j
            i32.const 4
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $overlapOk
        local.get $cols
        i32.const 4
        i32.ge_s
        i32.and
        local.get $j
        local.get $cols
        i32.lt_s
        i32.and
        if
          local.get $cols
          i32.const 4
          i32.sub
          local.set $j
          local.get $outRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          local.get $va
          local.get $vb
          f32x4.sub
          v128.store
          local.get $cols
          local.set $j
        end
        block
          loop
            local.get $j
            local.get $cols
            i32.ge_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $sa
            local.get $sb
            f32.sub
            f32.store
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $sub_SF (export "sub_SF") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32) (param $overlapOk i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    (local $va v128)
    (local $vb v128)
    (local $sa f32)
    (local $sb f32)
    local.get $a
    f32.load
    local.tee $sa
    f32x4.splat
    local.set $va
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $r
        local.get $cols
        i32.mul
        i32.const 2
        i32.shl
        local.set $j
        local.get $out
        local.get $j
        i32.add
        local.set $outRow
        local.get $b
        local.get $j
        i32.add
        local.set $bRow
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            i32.const 4
            i32.add
            local.get $cols
            i32.gt_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $va
            local.get $bRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            v128.load
            f32x4.sub
            v128.store
            local.get $j
            i32.const 4
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $overlapOk
        local.get $cols
        i32.const 4
        i32.ge_s
        i32.and
        local.get $j
        local.get $cols
        i32.lt_s
        i32.and
        if
          local.get $cols
          i32.const 4
          i32.sub
          local.set $j
          local.get $outRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          local.get $va
          local.get $bRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          v128.load
          f32x4.sub
          v128.store
          local.get $cols
          local.set $j
        end
        block
          loop
            local.get $j
            local.get $cols
            i32.ge_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $sa
            local.get $bRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            f32.load
            f32.sub
            f32.store
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $sub_SR (export "sub_SR") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32) (param $overlapOk i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    (local $va v128)
    (local $vb v128)
    (local $sa f32)
    (local $sb f32)
    local.get $a
    f32.load
    local.tee $sa
    f32x4.splat
    local.set $va
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $r
        local.get $cols
        i32.mul
        i32.const 2
        i32.shl
        local.set $j
        local.get $out
        local.get $j
        i32.add
        local.set $outRow
        local.get $b
        local.get $r
        i32.const 2
        i32.shl
        i32.add
        f32.load
        local.tee $sb
        f32x4.splat
        local.set $vb
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            i32.const 4
            i32.add
            local.get $cols
            i32.gt_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $va
            local.get $vb
            f32x4.sub
            v128.store
            local.get $j
            i32.const 4
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $overlapOk
        local.get $cols
        i32.const 4
        i32.ge_s
        i32.and
        local.get $j
        local.get $cols
        i32.lt_s
        i32.and
        if
          local.get $cols
          i32.const 4
          i32.sub
          local.set $j
          local.get $outRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          local.get $va
          local.get $vb
          f32x4.sub
          v128.store
          local.get $cols
          local.set $j
        end
        block
          loop
            local.get $j
            local.get $cols
            i32.ge_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $sa
            local.get $sb
            f32.sub
            f32.store
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $mul_FF (export "mul_FF") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32) (param $overlapOk i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    (local $va v128)
    (local $vb v128)
    (local $sa f32)
    (local $sb f32)
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $r
        local.get $cols
        i32.mul
        i32.const 2
        i32.shl
        local.set $j
        local.get $out
        local.get $j
        i32.add
        local.set $outRow
        local.get $a
        local.get $j
        i32.add
        local.set $aRow
        local.get $b
        local.get $j
        i32.add
        local.set $bRow
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            i32.const 4
            i32.add
            local.get $cols
            i32.gt_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $aRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            v128.load
            local.get $bRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            v128.load
            f32x4.mul
            v128.store
            local.get $j
            i32.const 4
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $overlapOk
        local.get $cols
        i32.const 4
        i32.ge_s
        i32.and
        local.get $j
        local.get $cols
        i32.lt_s
        i32.and
        if
          local.get $cols
          i32.const 4
          i32.sub
          local.set $j
          local.get $outRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          local.get $aRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          v128.load
          local.get $bRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          v128.load
          f32x4.mul
          v128.store
          local.get $cols
          local.set $j
        end
        block
          loop
            local.get $j
            local.get $cols
            i32.ge_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $aRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $bRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            f32.load
            f32.mul
            f32.store
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $mul_FR (export "mul_FR") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32) (param $overlapOk i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    (local $va v128)
    (local $vb v128)
    (local $sa f32)
    (local $sb f32)
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $r
        local.get $cols
        i32.mul
        i32.const 2
        i32.shl
        local.set $j
        local.get $out
        local.get $j
        i32.add
        local.set $outRow
        local.get $a
        local.get $j
        i32.add
        local.set $aRow
        local.get $b
        local.get $r
        i32.const 2
        i32.shl
        i32.add
        f32.load
        local.tee $sb
        f32x4.splat
        local.set $vb
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            i32.const 4
            i32.add
            local.get $cols
            i32.gt_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $aRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            v128.load
            local.get $vb
            f32x4.mul
            v128.store
            local.get $j
            i32.const 4
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $overlapOk
        local.get $cols
        i32.const 4
        i32.ge_s
        i32.and
        local.get $j
        local.get $cols
        i32.lt_s
        i32.and
        if
          local.get $cols
          i32.const 4
          i32.sub
          local.set $j
          local.get $outRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          local.get $aRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          v128.load
          local.get $vb
          f32x4.mul
          v128.store
          local.get $cols
          local.set $j
        end
        block
          loop
            local.get $j
            local.get $cols
            i32.ge_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $aRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $sb
            f32.mul
            f32.store
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $mul_FS (export "mul_FS") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32) (param $overlapOk i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    (local $va v128)
    (local $vb v128)
    (local $sa f32)
    (local $sb f32)
    local.get $b
    f32.load
    local.tee $sb
    f32x4.splat
    local.set $vb
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $r
        local.get $cols
        i32.mul
        i32.const 2
        i32.shl
        local.set $j
        local.get $out
        local.get $j
        i32.add
        local.set $outRow
        local.get $a
        local.get $j
        i32.add
        local.set $aRow
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            i32.const 4
            i32.add
            local.get $cols
            i32.gt_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $aRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            v128.load
            local.get $vb
            f32x4.mul
            v128.store
            local.get $j
            i32.const 4
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $overlapOk
        local.get $cols
        i32.const 4
        i32.ge_s
        i32.and
        local.get $j
        local.get $cols
        i32.lt_s
        i32.and
        if
          local.get $cols
          i32.const 4
          i32.sub
          local.set $j
          local.get $outRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          local.get $aRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          v128.load
          local.get $vb
          f32x4.mul
          v128.store
          local.get $cols
          local.set $j
        end
        block
          loop
            local.get $j
            local.get $cols
            i32.ge_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $aRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $sb
            f32.mul
            f32.store
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $mul_RF (export "mul_RF") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32) (param $overlapOk i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    (local $va v128)
    (local $vb v128)
    (local $sa f32)
    (local $sb f32)
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $r
        local.get $cols
        i32.mul
        i32.const 2
        i32.shl
        local.set $j
        local.get $out
        local.get $j
        i32.add
        local.set $outRow
        local.get $a
        local.get $r
        i32.const 2
        i32.shl
        i32.add
        f32.load
        local.tee $sa
        f32x4.splat
        local.set $va
        local.get $b
        local.get $j
        i32.add
        local.set $bRow
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            i32.const 4
            i32.add
            local.get $cols
            i32.gt_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $va
            local.get $bRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            v128.load
            f32x4.mul
            v128.store
            local.get $j
            i32.const 4
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $overlapOk
        local.get $cols
        i32.const 4
        i32.ge_s
        i32.and
        local.get $j
        local.get $cols
        i32.lt_s
        i32.and
        if
          local.get $cols
          i32.const 4
          i32.sub
          local.set $j
          local.get $outRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          local.get $va
          local.get $bRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          v128.load
          f32x4.mul
          v128.store
          local.get $cols
          local.set $j
        end
        block
          loop
            local.get $j
            local.get $cols
            i32.ge_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $sa
            local.get $bRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            f32.load
            f32.mul
            f32.store
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $mul_RR (export "mul_RR") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32) (param $overlapOk i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    (local $va v128)
    (local $vb v128)
    (local $sa f32)
    (local $sb f32)
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $r
        local.get $cols
        i32.mul
        i32.const 2
        i32.shl
        local.set $j
        local.get $out
        local.get $j
        i32.add
        local.set $outRow
        local.get $a
        local.get $r
        i32.const 2
        i32.shl
        i32.add
        f32.load
        local.tee $sa
        f32x4.splat
        local.set $va
        local.get $b
        local.get $r
        i32.const 2
        i32.shl
        i32.add
        f32.load
        local.tee $sb
        f32x4.splat
        local.set $vb
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            i32.const 4
            i32.add
            local.get $cols
            i32.gt_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $va
            local.get $vb
            f32x4.mul
            v128.store
            local.get $j
            i32.const 4
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $overlapOk
        local.get $cols
        i32.const 4
        i32.ge_s
        i32.and
        local.get $j
        local.get $cols
        i32.lt_s
        i32.and
        if
          local.get $cols
          i32.const 4
          i32.sub
          local.set $j
          local.get $outRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          local.get $va
          local.get $vb
          f32x4.mul
          v128.store
          local.get $cols
          local.set $j
        end
        block
          loop
            local.get $j
            local.get $cols
            i32.ge_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $sa
            local.get $sb
            f32.mul
            f32.store
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $mul_RS (export "mul_RS") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32) (param $overlapOk i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    (local $va v128)
    (local $vb v128)
    (local $sa f32)
    (local $sb f32)
    local.get $b
    f32.load
    local.tee $sb
    f32x4.splat
    local.set $vb
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $r
        local.get $cols
        i32.mul
        i32.const 2
        i32.shl
        local.set $j
        local.get $out
        local.get $j
        i32.add
        local.set $outRow
        local.get $a
        local.get $r
        i32.const 2
        i32.shl
        i32.add
        f32.load
        local.tee $sa
        f32x4.splat
        local.set $va
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            i32.const 4
            i32.add
            local.get $cols
            i32.gt_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $va
            local.get $vb
            f32x4.mul
            v128.store
            local.get $j
            i32.const 4
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $overlapOk
        local.get $cols
        i32.const 4
        i32.ge_s
        i32.and
        local.get $j
        local.get $cols
        i32.lt_s
        i32.and
        if
          local.get $cols
          i32.const 4
          i32.sub
          local.set $j
          local.get $outRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          local.get $va
          local.get $vb
          f32x4.mul
          v128.store
          local.get $cols
          local.set $j
        end
        block
          loop
            local.get $j
            local.get $cols
            i32.ge_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $sa
            local.get $sb
            f32.mul
            f32.store
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $mul_SF (export "mul_SF") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32) (param $overlapOk i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    (local $va v128)
    (local $vb v128)
    (local $sa f32)
    (local $sb f32)
    local.get $a
    f32.load
    local.tee $sa
    f32x4.splat
    local.set $va
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $r
        local.get $cols
        i32.mul
        i32.const 2
        i32.shl
        local.set $j
        local.get $out
        local.get $j
        i32.add
        local.set $outRow
        local.get $b
        local.get $j
        i32.add
        local.set $bRow
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            i32.const 4
            i32.add
            local.get $cols
            i32.gt_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $va
            local.get $bRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            v128.load
            f32x4.mul
            v128.store
            local.get $j
            i32.const 4
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $overlapOk
        local.get $cols
        i32.const 4
        i32.ge_s
        i32.and
        local.get $j
        local.get $cols
        i32.lt_s
        i32.and
        if
          local.get $cols
          i32.const 4
          i32.sub
          local.set $j
          local.get $outRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          local.get $va
          local.get $bRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          v128.load
          f32x4.mul
          v128.store
          local.get $cols
          local.set $j
        end
        block
          loop
            local.get $j
            local.get $cols
            i32.ge_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $sa
            local.get $bRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            f32.load
            f32.mul
            f32.store
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $mul_SR (export "mul_SR") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32) (param $overlapOk i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    (local $va v128)
    (local $vb v128)
    (local $sa f32)
    (local $sb f32)
    local.get $a
    f32.load
    local.tee $sa
    f32x4.splat
    local.set $va
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $r
        local.get $cols
        i32.mul
        i32.const 2
        i32.shl
        local.set $j
        local.get $out
        local.get $j
        i32.add
        local.set $outRow
        local.get $b
        local.get $r
        i32.const 2
        i32.shl
        i32.add
        f32.load
        local.tee $sb
        f32x4.splat
        local.set $vb
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            i32.const 4
            i32.add
            local.get $cols
            i32.gt_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $va
            local.get $vb
            f32x4.mul
            v128.store
            local.get $j
            i32.const 4
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $overlapOk
        local.get $cols
        i32.const 4
        i32.ge_s
        i32.and
        local.get $j
        local.get $cols
        i32.lt_s
        i32.and
        if
          local.get $cols
          i32.const 4
          i32.sub
          local.set $j
          local.get $outRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          local.get $va
          local.get $vb
          f32x4.mul
          v128.store
          local.get $cols
          local.set $j
        end
        block
          loop
            local.get $j
            local.get $cols
            i32.ge_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $sa
            local.get $sb
            f32.mul
            f32.store
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $div_FF (export "div_FF") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32) (param $overlapOk i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    (local $va v128)
    (local $vb v128)
    (local $sa f32)
    (local $sb f32)
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $r
        local.get $cols
        i32.mul
        i32.const 2
        i32.shl
        local.set $j
        local.get $out
        local.get $j
        i32.add
        local.set $outRow
        local.get $a
        local.get $j
        i32.add
        local.set $aRow
        local.get $b
        local.get $j
        i32.add
        local.set $bRow
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            i32.const 4
            i32.add
            local.get $cols
            i32.gt_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $aRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            v128.load
            local.get $bRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            v128.load
            f32x4.div
            v128.store
            local.get $j
            i32.const 4
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $overlapOk
        local.get $cols
        i32.const 4
        i32.ge_s
        i32.and
        local.get $j
        local.get $cols
        i32.lt_s
        i32.and
        if
          local.get $cols
          i32.const 4
          i32.sub
          local.set $j
          local.get $outRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          local.get $aRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          v128.load
          local.get $bRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          v128.load
          f32x4.div
          v128.store
          local.get $cols
          local.set $j
        end
        block
          loop
            local.get $j
            local.get $cols
            i32.ge_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $aRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $bRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            f32.load
            f32.div
            f32.store
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $div_FR (export "div_FR") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32) (param $overlapOk i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    (local $va v128)
    (local $vb v128)
    (local $sa f32)
    (local $sb f32)
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $r
        local.get $cols
        i32.mul
        i32.const 2
        i32.shl
        local.set $j
        local.get $out
        local.get $j
        i32.add
        local.set $outRow
        local.get $a
        local.get $j
        i32.add
        local.set $aRow
        local.get $b
        local.get $r
        i32.const 2
        i32.shl
        i32.add
        f32.load
        local.tee $sb
        f32x4.splat
        local.set $vb
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            i32.const 4
            i32.add
            local.get $cols
            i32.gt_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $aRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            v128.load
            local.get $vb
            f32x4.div
            v128.store
            local.get $j
            i32.const 4
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $overlapOk
        local.get $cols
        i32.const 4
        i32.ge_s
        i32.and
        local.get $j
        local.get $cols
        i32.lt_s
        i32.and
        if
          local.get $cols
          i32.const 4
          i32.sub
          local.set $j
          local.get $outRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          local.get $aRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          v128.load
          local.get $vb
          f32x4.div
          v128.store
          local.get $cols
          local.set $j
        end
        block
          loop
            local.get $j
            local.get $cols
            i32.ge_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $aRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $sb
            f32.div
            f32.store
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $div_FS (export "div_FS") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32) (param $overlapOk i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    (local $va v128)
    (local $vb v128)
    (local $sa f32)
    (local $sb f32)
    local.get $b
    f32.load
    local.tee $sb
    f32x4.splat
    local.set $vb
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $r
        local.get $cols
        i32.mul
        i32.const 2
        i32.shl
        local.set $j
        local.get $out
        local.get $j
        i32.add
        local.set $outRow
        local.get $a
        local.get $j
        i32.add
        local.set $aRow
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            i32.const 4
            i32.add
            local.get $cols
            i32.gt_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $aRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            v128.load
            local.get $vb
            f32x4.div
            v128.store
            local.get $j
            i32.const 4
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $overlapOk
        local.get $cols
        i32.const 4
        i32.ge_s
        i32.and
        local.get $j
        local.get $cols
        i32.lt_s
        i32.and
        if
          local.get $cols
          i32.const 4
          i32.sub
          local.set $j
          local.get $outRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          local.get $aRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          v128.load
          local.get $vb
          f32x4.div
          v128.store
          local.get $cols
          local.set $j
        end
        block
          loop
            local.get $j
            local.get $cols
            i32.ge_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $aRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            f32.load
            local.get $sb
            f32.div
            f32.store
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $div_RF (export "div_RF") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32) (param $overlapOk i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    (local $va v128)
    (local $vb v128)
    (local $sa f32)
    (local $sb f32)
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $r
        local.get $cols
        i32.mul
        i32.const 2
        i32.shl
        local.set $j
        local.get $out
        local.get $j
        i32.add
        local.set $outRow
        local.get $a
        local.get $r
        i32.const 2
        i32.shl
        i32.add
        f32.load
        local.tee $sa
        f32x4.splat
        local.set $va
        local.get $b
        local.get $j
        i32.add
        local.set $bRow
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            i32.const 4
            i32.add
            local.get $cols
            i32.gt_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $va
            local.get $bRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            v128.load
            f32x4.div
            v128.store
            local.get $j
            i32.const 4
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $overlapOk
        local.get $cols
        i32.const 4
        i32.ge_s
        i32.and
        local.get $j
        local.get $cols
        i32.lt_s
        i32.and
        if
          local.get $cols
          i32.const 4
          i32.sub
          local.set $j
          local.get $outRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          local.get $va
          local.get $bRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          v128.load
          f32x4.div
          v128.store
          local.get $cols
          local.set $j
        end
        block
          loop
            local.get $j
            local.get $cols
            i32.ge_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $sa
            local.get $bRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            f32.load
            f32.div
            f32.store
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $div_RR (export "div_RR") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32) (param $overlapOk i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    (local $va v128)
    (local $vb v128)
    (local $sa f32)
    (local $sb f32)
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $r
        local.get $cols
        i32.mul
        i32.const 2
        i32.shl
        local.set $j
        local.get $out
        local.get $j
        i32.add
        local.set $outRow
        local.get $a
        local.get $r
        i32.const 2
        i32.shl
        i32.add
        f32.load
        local.tee $sa
        f32x4.splat
        local.set $va
        local.get $b
        local.get $r
        i32.const 2
        i32.shl
        i32.add
        f32.load
        local.tee $sb
        f32x4.splat
        local.set $vb
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            i32.const 4
            i32.add
            local.get $cols
            i32.gt_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $va
            local.get $vb
            f32x4.div
            v128.store
            local.get $j
            i32.const 4
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $overlapOk
        local.get $cols
        i32.const 4
        i32.ge_s
        i32.and
        local.get $j
        local.get $cols
        i32.lt_s
        i32.and
        if
          local.get $cols
          i32.const 4
          i32.sub
          local.set $j
          local.get $outRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          local.get $va
          local.get $vb
          f32x4.div
          v128.store
          local.get $cols
          local.set $j
        end
        block
          loop
            local.get $j
            local.get $cols
            i32.ge_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $sa
            local.get $sb
            f32.div
            f32.store
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $div_RS (export "div_RS") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32) (param $overlapOk i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    (local $va v128)
    (local $vb v128)
    (local $sa f32)
    (local $sb f32)
    local.get $b
    f32.load
    local.tee $sb
    f32x4.splat
    local.set $vb
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $r
        local.get $cols
        i32.mul
        i32.const 2
        i32.shl
        local.set $j
        local.get $out
        local.get $j
        i32.add
        local.set $outRow
        local.get $a
        local.get $r
        i32.const 2
        i32.shl
        i32.add
        f32.load
        local.tee $sa
        f32x4.splat
        local.set $va
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            i32.const 4
            i32.add
            local.get $cols
            i32.gt_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $va
            local.get $vb
            f32x4.div
            v128.store
            local.get $j
            i32.const 4
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $overlapOk
        local.get $cols
        i32.const 4
        i32.ge_s
        i32.and
        local.get $j
        local.get $cols
        i32.lt_s
        i32.and
        if
          local.get $cols
          i32.const 4
          i32.sub
          local.set $j
          local.get $outRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          local.get $va
          local.get $vb
          f32x4.div
          v128.store
          local.get $cols
          local.set $j
        end
        block
          loop
            local.get $j
            local.get $cols
            i32.ge_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $sa
            local.get $sb
            f32.div
            f32.store
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $div_SF (export "div_SF") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32) (param $overlapOk i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    (local $va v128)
    (local $vb v128)
    (local $sa f32)
    (local $sb f32)
    local.get $a
    f32.load
    local.tee $sa
    f32x4.splat
    local.set $va
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $r
        local.get $cols
        i32.mul
        i32.const 2
        i32.shl
        local.set $j
        local.get $out
        local.get $j
        i32.add
        local.set $outRow
        local.get $b
        local.get $j
        i32.add
        local.set $bRow
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            i32.const 4
            i32.add
            local.get $cols
            i32.gt_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $va
            local.get $bRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            v128.load
            f32x4.div
            v128.store
            local.get $j
            i32.const 4
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $overlapOk
        local.get $cols
        i32.const 4
        i32.ge_s
        i32.and
        local.get $j
        local.get $cols
        i32.lt_s
        i32.and
        if
          local.get $cols
          i32.const 4
          i32.sub
          local.set $j
          local.get $outRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          local.get $va
          local.get $bRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          v128.load
          f32x4.div
          v128.store
          local.get $cols
          local.set $j
        end
        block
          loop
            local.get $j
            local.get $cols
            i32.ge_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $sa
            local.get $bRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            f32.load
            f32.div
            f32.store
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $div_SR (export "div_SR") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32) (param $overlapOk i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    (local $va v128)
    (local $vb v128)
    (local $sa f32)
    (local $sb f32)
    local.get $a
    f32.load
    local.tee $sa
    f32x4.splat
    local.set $va
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $r
        local.get $cols
        i32.mul
        i32.const 2
        i32.shl
        local.set $j
        local.get $out
        local.get $j
        i32.add
        local.set $outRow
        local.get $b
        local.get $r
        i32.const 2
        i32.shl
        i32.add
        f32.load
        local.tee $sb
        f32x4.splat
        local.set $vb
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            i32.const 4
            i32.add
            local.get $cols
            i32.gt_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $va
            local.get $vb
            f32x4.div
            v128.store
            local.get $j
            i32.const 4
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $overlapOk
        local.get $cols
        i32.const 4
        i32.ge_s
        i32.and
        local.get $j
        local.get $cols
        i32.lt_s
        i32.and
        if
          local.get $cols
          i32.const 4
          i32.sub
          local.set $j
          local.get $outRow
          local.get $j
          i32.const 2
          i32.shl
          i32.add
          local.get $va
          local.get $vb
          f32x4.div
          v128.store
          local.get $cols
          local.set $j
        end
        block
          loop
            local.get $j
            local.get $cols
            i32.ge_s
            br_if 1
            local.get $outRow
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $sa
            local.get $sb
            f32.div
            f32.store
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $fill_zero (export "fill_zero") (param $at i32) (param $bytes i32)
    local.get $at
    i32.const 0
    local.get $bytes
    memory.fill)

  (func $i32_to_f32 (export "i32_to_f32") (param $out i32) (param $x i32) (param $n i32)
    (local $i i32)
    i32.const 0
    local.set $i
    block
      loop
        local.get $i
        local.get $n
        i32.ge_s
        br_if 1
        local.get $out
        local.get $i
        i32.const 2
        i32.shl
        i32.add
        local.get $x
        local.get $i
        i32.const 2
        i32.shl
        i32.add
        v128.load
        f32x4.convert_i32x4_s
        v128.store
        local.get $i
        i32.const 4
        i32.add
        local.set $i
        br 0
      end
    end)

  (func $exp_f32 (export "exp_f32") (param $out i32) (param $x i32) (param $n i32) (param $list i32) (result i32)
    (local $i i32)
    (local $count i32)
    (local $v v128)
    (local $x2 v128)
    (local $k v128)
    (local $t v128)
    (local $ki v128)
    (local $d v128)
    (local $lo v128)
    (local $safe v128)
    (local $safe2 v128)
    (local $inv_step v128)
    (local $round v128)
    (local $step_hi v128)
    (local $step_lo v128)
    (local $c120 v128)
    (local $c24 v128)
    (local $c6 v128)
    (local $half v128)
    (local $one v128)
    (local $lowest v128)
    (local $highest v128)
    f64.const 92.33248261689366
    f64x2.splat
    local.set $inv_step
    f64.const 6755399441055744
    f64x2.splat
    local.set $round
    f64.const 0.010830424695996044
    f64x2.splat
    local.set $step_hi
    f64.const 2.5310172166650877e-13
    f64x2.splat
    local.set $step_lo
    f64.const 0.008333333333333333
    f64x2.splat
    local.set $c120
    f64.const 0.041666666666666664
    f64x2.splat
    local.set $c24
    f64.const 0.16666666666666666
    f64x2.splat
    local.set $c6
    f64.const 0.5
    f64x2.splat
    local.set $half
    f64.const 1
    f64x2.splat
    local.set $one
    f64.const -104
    f64x2.splat
    local.set $lowest
    f64.const 88.7
    f64x2.splat
    local.set $highest
    i32.const 0
    local.set $i
    i32.const 0
    local.set $count
    block
      loop
        local.get $i
        local.get $n
        i32.ge_s
        br_if 1
        local.get $x
        local.get $i
        i32.const 2
        i32.shl
        i32.add
        v128.load
        local.tee $v
        f64x2.promote_low_f32x4
        local.set $x2
        local.get $x2
        local.get $inv_step
        f64x2.mul
        local.get $round
        f64x2.add
        local.get $round
        f64x2.sub
        local.set $k
        local.get $x2
        local.get $k
        local.get $step_hi
        f64x2.mul
        f64x2.sub
        local.get $k
        local.get $step_lo
        f64x2.mul
        f64x2.sub
        local.set $t
        local.get $k
        i32x4.trunc_sat_f64x2_s_zero
        local.set $ki
        local.get $ki
        i32.const 6
        i32x4.shr_s
        i32.const 1023
        i32x4.splat
        i32x4.add
        i64x2.extend_low_i32x4_s
        i32.const 52
        i64x2.shl
        local.get $ki
        i32x4.extract_lane 0
        i32.const 63
        i32.and
        i32.const 3
        i32.shl
        f64.load offset=262144
        f64x2.splat
        local.get $ki
        i32x4.extract_lane 1
        i32.const 63
        i32.and
        i32.const 3
        i32.shl
        f64.load offset=262144
        f64x2.replace_lane 1
        f64x2.mul
        local.get $t
        local.get $c120
        f64x2.mul
        local.get $c24
        f64x2.add
        local.get $t
        f64x2.mul
        local.get $c6
        f64x2.add
        local.get $t
        f64x2.mul
        local.get $half
        f64x2.add
        local.get $t
        f64x2.mul
        local.get $one
        f64x2.add
        local.get $t
        f64x2.mul
        local.get $one
        f64x2.add
        f64x2.mul
        local.set $d
        local.get $x2
        local.get $lowest
        f64x2.gt
        local.get $x2
        local.get $highest
        f64x2.lt
        v128.and
        local.set $safe
        local.get $d
        f32x4.demote_f64x2_zero
        local.set $lo
        local.get $v
        local.get $v
        i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
        f64x2.promote_low_f32x4
        local.set $x2
        local.get $x2
        local.get $inv_step
        f64x2.mul
        local.get $round
        f64x2.add
        local.get $round
        f64x2.sub
        local.set $k
        local.get $x2
        local.get $k
        local.get $step_hi
        f64x2.mul
        f64x2.sub
        local.get $k
        local.get $step_lo
        f64x2.mul
        f64x2.sub
        local.set $t
        local.get $k
        i32x4.trunc_sat_f64x2_s_zero
        local.set $ki
        local.get $ki
        i32.const 6
        i32x4.shr_s
        i32.const 1023
        i32x4.splat
        i32x4.add
        i64x2.extend_low_i32x4_s
        i32.const 52
        i64x2.shl
        local.get $ki
        i32x4.extract_lane 0
        i32.const 63
        i32.and
        i32.const 3
        i32.shl
        f64.load offset=262144
        f64x2.splat
        local.get $ki
        i32x4.extract_lane 1
        i32.const 63
        i32.and
        i32.const 3
        i32.shl
        f64.load offset=262144
        f64x2.replace_lane 1
        f64x2.mul
        local.get $t
        local.get $c120
        f64x2.mul
        local.get $c24
        f64x2.add
        local.get $t
        f64x2.mul
        local.get $c6
        f64x2.add
        local.get $t
        f64x2.mul
        local.get $half
        f64x2.add
        local.get $t
        f64x2.mul
        local.get $one
        f64x2.add
        local.get $t
        f64x2.mul
        local.get $one
        f64x2.add
        f64x2.mul
        local.set $d
        local.get $x2
        local.get $lowest
        f64x2.gt
        local.get $x2
        local.get $highest
        f64x2.lt
        v128.and
        local.set $safe2
        local.get $safe
        local.get $safe2
        v128.and
        i64x2.all_true
        i32.eqz
        if
          local.get $safe
          i64x2.all_true
          i32.eqz
          if
            local.get $list
            local.get $count
            i32.const 2
            i32.shl
            i32.add
            local.get $i
            i32.const 0
            i32.add
            i32.store
            local.get $count
            i32.const 1
            i32.add
            local.set $count
          end
          local.get $safe2
          i64x2.all_true
          i32.eqz
          if
            local.get $list
            local.get $count
            i32.const 2
            i32.shl
            i32.add
            local.get $i
            i32.const 2
            i32.add
            i32.store
            local.get $count
            i32.const 1
            i32.add
            local.set $count
          end
        end
        local.get $out
        local.get $i
        i32.const 2
        i32.shl
        i32.add
        local.get $lo
        local.get $d
        f32x4.demote_f64x2_zero
        i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
        v128.store
        local.get $i
        i32.const 4
        i32.add
        local.set $i
        br 0
      end
    end
    local.get $count)

  (func $gemm_sparse_a (export "gemm_sparse_a") (param $out i32) (param $a i32) (param $b32 i32) (param $rows i32) (param $k i32) (param $m i32) (param $m4 i32)
    (local $r i32)
    (local $p i32)
    (local $j i32)
    (local $row i32)
    (local $av v128)
    (local $zero v128)
    (local $bRow i32)
    (local $sa f32)
    f32.const 0
    f32x4.splat
    local.set $zero
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $out
        local.get $r
        local.get $m
        i32.mul
        i32.const 2
        i32.shl
        i32.add
        local.set $row
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            i32.const 4
            i32.add
            local.get $m
            i32.gt_s
            br_if 1
            local.get $row
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $zero
            v128.store
            local.get $j
            i32.const 4
            i32.add
            local.set $j
            br 0
          end
        end
        block
          loop
            local.get $j
            local.get $m
            i32.ge_s
            br_if 1
            local.get $row
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            f32.const 0
            f32.store
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0
          end
        end
        i32.const 0
        local.set $p
        block
          loop
            local.get $p
            i32.const 4
            i32.add
            local.get $k
            i32.gt_s
            br_if 1
            local.get $a
            local.get $r
            local.get $k
            i32.mul
            local.get $p
            i32.add
            i32.const 2
            i32.shl
            i32.add
            v128.load
            f32.const 0
            f32x4.splat
            f32x4.ne
            v128.any_true
            if
              local.get $a
              local.get $r
              local.get $k
              i32.mul
              local.get $p
              i32.add
              i32.const 2
              i32.shl
              i32.add
              f32.load
              f32.const 0
              f32.ne
              if
                local.get $a
                local.get $r
                local.get $k
                i32.mul
                local.get $p
                i32.add
                i32.const 2
                i32.shl
                i32.add
                f32.load
                local.tee $sa
                f32x4.splat
                local.set $av
                local.get $b32
                local.get $p
                local.get $m4
                i32.mul
                i32.const 2
                i32.shl
                i32.add
                local.set $bRow
                i32.const 0
                local.set $j
                block
                  loop
                    local.get $j
                    i32.const 4
                    i32.add
                    local.get $m
                    i32.gt_s
                    br_if 1
                    local.get $row
                    local.get $j
                    i32.const 2
                    i32.shl
                    i32.add
                    local.get $row
                    local.get $j
                    i32.const 2
                    i32.shl
                    i32.add
                    v128.load
                    local.get $av
                    local.get $bRow
                    local.get $j
                    i32.const 2
                    i32.shl
                    i32.add
                    v128.load
                    f32x4.mul
                    f32x4.add
                    v128.store
                    local.get $j
                    i32.const 4
                    i32.add
                    local.set $j
                    br 0
                  end
                end
                block
                  loop
                    local.get $j
                    local.get $m
                    i32.ge_s
                    br_if 1
                    local.get $row
                    local.get $j
                    i32.const 2
                    i32.shl
                    i32.add
                    local.get $row
                    local.get $j
                    i32.const 2
                    i32.shl
                    i32.add
                    f32.load
                    local.get $sa
                    local.get $bRow
                    local.get $j
                    i32.const 2
                    i32.shl
                    i32.add
                    f32.load
                    f32.mul
                    f32.add
                    f32.store
                    local.get $j
                    i32.const 1
                    i32.add
                    local.set $j
                    br 0
                  end
                end
              end
              local.get $p
              i32.const 1
              i32.add
              local.set $p
              local.get $a
              local.get $r
              local.get $k
              i32.mul
              local.get $p
              i32.add
              i32.const 2
              i32.shl
              i32.add
              f32.load
              f32.const 0
              f32.ne
              if
                local.get $a
                local.get $r
                local.get $k
                i32.mul
                local.get $p
                i32.add
                i32.const 2
                i32.shl
                i32.add
                f32.load
                local.tee $sa
                f32x4.splat
                local.set $av
                local.get $b32
                local.get $p
                local.get $m4
                i32.mul
                i32.const 2
                i32.shl
                i32.add
                local.set $bRow
                i32.const 0
                local.set $j
                block
                  loop
                    local.get $j
                    i32.const 4
                    i32.add
                    local.get $m
                    i32.gt_s
                    br_if 1
                    local.get $row
                    local.get $j
                    i32.const 2
                    i32.shl
                    i32.add
                    local.get $row
                    local.get $j
                    i32.const 2
                    i32.shl
                    i32.add
                    v128.load
                    local.get $av
                    local.get $bRow
                    local.get $j
                    i32.const 2
                    i32.shl
                    i32.add
                    v128.load
                    f32x4.mul
                    f32x4.add
                    v128.store
                    local.get $j
                    i32.const 4
                    i32.add
                    local.set $j
                    br 0
                  end
                end
                block
                  loop
                    local.get $j
                    local.get $m
                    i32.ge_s
                    br_if 1
                    local.get $row
                    local.get $j
                    i32.const 2
                    i32.shl
                    i32.add
                    local.get $row
                    local.get $j
                    i32.const 2
                    i32.shl
                    i32.add
                    f32.load
                    local.get $sa
                    local.get $bRow
                    local.get $j
                    i32.const 2
                    i32.shl
                    i32.add
                    f32.load
                    f32.mul
                    f32.add
                    f32.store
                    local.get $j
                    i32.const 1
                    i32.add
                    local.set $j
                    br 0
                  end
                end
              end
              local.get $p
              i32.const 1
              i32.add
              local.set $p
              local.get $a
              local.get $r
              local.get $k
              i32.mul
              local.get $p
              i32.add
              i32.const 2
              i32.shl
              i32.add
              f32.load
              f32.const 0
              f32.ne
              if
                local.get $a
                local.get $r
                local.get $k
                i32.mul
                local.get $p
                i32.add
                i32.const 2
                i32.shl
                i32.add
                f32.load
                local.tee $sa
                f32x4.splat
                local.set $av
                local.get $b32
                local.get $p
                local.get $m4
                i32.mul
                i32.const 2
                i32.shl
                i32.add
                local.set $bRow
                i32.const 0
                local.set $j
                block
                  loop
                    local.get $j
                    i32.const 4
                    i32.add
                    local.get $m
                    i32.gt_s
                    br_if 1
                    local.get $row
                    local.get $j
                    i32.const 2
                    i32.shl
                    i32.add
                    local.get $row
                    local.get $j
                    i32.const 2
                    i32.shl
                    i32.add
                    v128.load
                    local.get $av
                    local.get $bRow
                    local.get $j
                    i32.const 2
                    i32.shl
                    i32.add
                    v128.load
                    f32x4.mul
                    f32x4.add
                    v128.store
                    local.get $j
                    i32.const 4
                    i32.add
                    local.set $j
                    br 0
                  end
                end
                block
                  loop
                    local.get $j
                    local.get $m
                    i32.ge_s
                    br_if 1
                    local.get $row
                    local.get $j
                    i32.const 2
                    i32.shl
                    i32.add
                    local.get $row
                    local.get $j
                    i32.const 2
                    i32.shl
                    i32.add
                    f32.load
                    local.get $sa
                    local.get $bRow
                    local.get $j
                    i32.const 2
                    i32.shl
                    i32.add
                    f32.load
                    f32.mul
                    f32.add
                    f32.store
                    local.get $j
                    i32.const 1
                    i32.add
                    local.set $j
                    br 0
                  end
                end
              end
              local.get $p
              i32.const 1
              i32.add
              local.set $p
              local.get $a
              local.get $r
              local.get $k
              i32.mul
              local.get $p
              i32.add
              i32.const 2
              i32.shl
              i32.add
              f32.load
              f32.const 0
              f32.ne
              if
                local.get $a
                local.get $r
                local.get $k
                i32.mul
                local.get $p
                i32.add
                i32.const 2
                i32.shl
                i32.add
                f32.load
                local.tee $sa
                f32x4.splat
                local.set $av
                local.get $b32
                local.get $p
                local.get $m4
                i32.mul
                i32.const 2
                i32.shl
                i32.add
                local.set $bRow
                i32.const 0
                local.set $j
                block
                  loop
                    local.get $j
                    i32.const 4
                    i32.add
                    local.get $m
                    i32.gt_s
                    br_if 1
                    local.get $row
                    local.get $j
                    i32.const 2
                    i32.shl
                    i32.add
                    local.get $row
                    local.get $j
                    i32.const 2
                    i32.shl
                    i32.add
                    v128.load
                    local.get $av
                    local.get $bRow
                    local.get $j
                    i32.const 2
                    i32.shl
                    i32.add
                    v128.load
                    f32x4.mul
                    f32x4.add
                    v128.store
                    local.get $j
                    i32.const 4
                    i32.add
                    local.set $j
                    br 0
                  end
                end
                block
                  loop
                    local.get $j
                    local.get $m
                    i32.ge_s
                    br_if 1
                    local.get $row
                    local.get $j
                    i32.const 2
                    i32.shl
                    i32.add
                    local.get $row
                    local.get $j
                    i32.const 2
                    i32.shl
                    i32.add
                    f32.load
                    local.get $sa
                    local.get $bRow
                    local.get $j
                    i32.const 2
                    i32.shl
                    i32.add
                    f32.load
                    f32.mul
                    f32.add
                    f32.store
                    local.get $j
                    i32.const 1
                    i32.add
                    local.set $j
                    br 0
                  end
                end
              end
              local.get $p
              i32.const 1
              i32.add
              local.set $p
            else
              local.get $p
              i32.const 4
              i32.add
              local.set $p
            end
            br 0
          end
        end
        block
          loop
            local.get $p
            local.get $k
            i32.ge_s
            br_if 1
            local.get $a
            local.get $r
            local.get $k
            i32.mul
            local.get $p
            i32.add
            i32.const 2
            i32.shl
            i32.add
            f32.load
            f32.const 0
            f32.ne
            if
              local.get $a
              local.get $r
              local.get $k
              i32.mul
              local.get $p
              i32.add
              i32.const 2
              i32.shl
              i32.add
              f32.load
              local.tee $sa
              f32x4.splat
              local.set $av
              local.get $b32
              local.get $p
              local.get $m4
              i32.mul
              i32.const 2
              i32.shl
              i32.add
              local.set $bRow
              i32.const 0
              local.set $j
              block
                loop
                  local.get $j
                  i32.const 4
                  i32.add
                  local.get $m
                  i32.gt_s
                  br_if 1
                  local.get $row
                  local.get $j
                  i32.const 2
                  i32.shl
                  i32.add
                  local.get $row
                  local.get $j
                  i32.const 2
                  i32.shl
                  i32.add
                  v128.load
                  local.get $av
                  local.get $bRow
                  local.get $j
                  i32.const 2
                  i32.shl
                  i32.add
                  v128.load
                  f32x4.mul
                  f32x4.add
                  v128.store
                  local.get $j
                  i32.const 4
                  i32.add
                  local.set $j
                  br 0
                end
              end
              block
                loop
                  local.get $j
                  local.get $m
                  i32.ge_s
                  br_if 1
                  local.get $row
                  local.get $j
                  i32.const 2
                  i32.shl
                  i32.add
                  local.get $row
                  local.get $j
                  i32.const 2
                  i32.shl
                  i32.add
                  f32.load
                  local.get $sa
                  local.get $bRow
                  local.get $j
                  i32.const 2
                  i32.shl
                  i32.add
                  f32.load
                  f32.mul
                  f32.add
                  f32.store
                  local.get $j
                  i32.const 1
                  i32.add
                  local.set $j
                  br 0
                end
              end
            end
            local.get $p
            i32.const 1
            i32.add
            local.set $p
            br 0
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $gemm_kij (export "gemm_kij") (param $acc i32) (param $a i32) (param $b i32) (param $kc i32) (param $n i32) (param $m i32) (param $mp i32) (param $lda i32)
    (local $p i32)
    (local $i i32)
    (local $j i32)
    (local $av v128)
    (local $bv v128)
    (local $row i32)
    i32.const 0
    local.set $p
    block
      loop
        local.get $p
        local.get $kc
        i32.ge_s
        br_if 1
        i32.const 0
        local.set $i
        block
          loop
            local.get $i
            i32.const 4
            i32.add
            local.get $n
            i32.gt_s
            br_if 1
            local.get $a
            local.get $p
            local.get $lda
            i32.mul
            local.get $i
            i32.add
            i32.const 2
            i32.shl
            i32.add
            v128.load
            f32.const 0
            f32x4.splat
            f32x4.ne
            v128.any_true
            if
              local.get $a
              local.get $p
              local.get $lda
              i32.mul
              local.get $i
              i32.add
              i32.const 2
              i32.shl
              i32.add
              f32.load
              f32.const 0
              f32.ne
              if
                local.get $a
                local.get $p
                local.get $lda
                i32.mul
                local.get $i
                i32.add
                i32.const 2
                i32.shl
                i32.add
                f32.load
                f64.promote_f32
                f64x2.splat
                local.set $av
                local.get $acc
                local.get $i
                local.get $mp
                i32.mul
                i32.const 3
                i32.shl
                i32.add
                local.set $row
                i32.const 0
                local.set $j
                block
                  loop
                    local.get $j
                    local.get $m
                    i32.ge_s
                    br_if 1
                    local.get $b
                    local.get $p
                    local.get $m
                    i32.mul
                    local.get $j
                    i32.add
                    i32.const 2
                    i32.shl
                    i32.add
                    v128.load
                    local.set $bv
                    local.get $row
                    local.get $j
                    i32.const 3
                    i32.shl
                    i32.add
                    local.get $row
                    local.get $j
                    i32.const 3
                    i32.shl
                    i32.add
                    v128.load
                    local.get $av
                    local.get $bv
                    f64x2.promote_low_f32x4
                    f64x2.mul
                    f64x2.add
                    v128.store
                    local.get $row
                    local.get $j
                    i32.const 3
                    i32.shl
                    i32.add
                    local.get $row
                    local.get $j
                    i32.const 3
                    i32.shl
                    i32.add
                    v128.load offset=16
                    local.get $av
                    local.get $bv
                    local.get $bv
                    i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
                    f64x2.promote_low_f32x4
                    f64x2.mul
                    f64x2.add
                    v128.store offset=16
                    local.get $j
                    i32.const 4
                    i32.add
                    local.set $j
                    br 0
                  end
                end
              end
              local.get $i
              i32.const 1
              i32.add
              local.set $i
              local.get $a
              local.get $p
              local.get $lda
              i32.mul
              local.get $i
              i32.add
              i32.const 2
              i32.shl
              i32.add
              f32.load
              f32.const 0
              f32.ne
              if
                local.get $a
                local.get $p
                local.get $lda
                i32.mul
                local.get $i
                i32.add
                i32.const 2
                i32.shl
                i32.add
                f32.load
                f64.promote_f32
                f64x2.splat
                local.set $av
                local.get $acc
                local.get $i
                local.get $mp
                i32.mul
                i32.const 3
                i32.shl
                i32.add
                local.set $row
                i32.const 0
                local.set $j
                block
                  loop
                    local.get $j
                    local.get $m
                    i32.ge_s
                    br_if 1
                    local.get $b
                    local.get $p
                    local.get $m
                    i32.mul
                    local.get $j
                    i32.add
                    i32.const 2
                    i32.shl
                    i32.add
                    v128.load
                    local.set $bv
                    local.get $row
                    local.get $j
                    i32.const 3
                    i32.shl
                    i32.add
                    local.get $row
                    local.get $j
                    i32.const 3
                    i32.shl
                    i32.add
                    v128.load
                    local.get $av
                    local.get $bv
                    f64x2.promote_low_f32x4
                    f64x2.mul
                    f64x2.add
                    v128.store
                    local.get $row
                    local.get $j
                    i32.const 3
                    i32.shl
                    i32.add
                    local.get $row
                    local.get $j
                    i32.const 3
                    i32.shl
                    i32.add
                    v128.load offset=16
                    local.get $av
                    local.get $bv
                    local.get $bv
                    i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
                    f64x2.promote_low_f32x4
                    f64x2.mul
                    f64x2.add
                    v128.store offset=16
                    local.get $j
                    i32.const 4
                    i32.add
                    local.set $j
                    br 0
                  end
                end
              end
              local.get $i
              i32.const 1
              i32.add
              local.set $i
              local.get $a
              local.get $p
              local.get $lda
              i32.mul
              local.get $i
              i32.add
              i32.const 2
              i32.shl
              i32.add
              f32.load
              f32.const 0
              f32.ne
              if
                local.get $a
                local.get $p
                local.get $lda
                i32.mul
                local.get $i
                i32.add
                i32.const 2
                i32.shl
                i32.add
                f32.load
                f64.promote_f32
                f64x2.splat
                local.set $av
                local.get $acc
                local.get $i
                local.get $mp
                i32.mul
                i32.const 3
                i32.shl
                i32.add
                local.set $row
                i32.const 0
                local.set $j
                block
                  loop
                    local.get $j
                    local.get $m
                    i32.ge_s
                    br_if 1
                    local.get $b
                    local.get $p
                    local.get $m
                    i32.mul
                    local.get $j
                    i32.add
                    i32.const 2
                    i32.shl
                    i32.add
                    v128.load
                    local.set $bv
                    local.get $row
                    local.get $j
                    i32.const 3
                    i32.shl
                    i32.add
                    local.get $row
                    local.get $j
                    i32.const 3
                    i32.shl
                    i32.add
                    v128.load
                    local.get $av
                    local.get $bv
                    f64x2.promote_low_f32x4
                    f64x2.mul
                    f64x2.add
                    v128.store
                    local.get $row
                    local.get $j
                    i32.const 3
                    i32.shl
                    i32.add
                    local.get $row
                    local.get $j
                    i32.const 3
                    i32.shl
                    i32.add
                    v128.load offset=16
                    local.get $av
                    local.get $bv
                    local.get $bv
                    i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
                    f64x2.promote_low_f32x4
                    f64x2.mul
                    f64x2.add
                    v128.store offset=16
                    local.get $j
                    i32.const 4
                    i32.add
                    local.set $j
                    br 0
                  end
                end
              end
              local.get $i
              i32.const 1
              i32.add
              local.set $i
              local.get $a
              local.get $p
              local.get $lda
              i32.mul
              local.get $i
              i32.add
              i32.const 2
              i32.shl
              i32.add
              f32.load
              f32.const 0
              f32.ne
              if
                local.get $a
                local.get $p
                local.get $lda
                i32.mul
                local.get $i
                i32.add
                i32.const 2
                i32.shl
                i32.add
                f32.load
                f64.promote_f32
                f64x2.splat
                local.set $av
                local.get $acc
                local.get $i
                local.get $mp
                i32.mul
                i32.const 3
                i32.shl
                i32.add
                local.set $row
                i32.const 0
                local.set $j
                block
                  loop
                    local.get $j
                    local.get $m
                    i32.ge_s
                    br_if 1
                    local.get $b
                    local.get $p
                    local.get $m
                    i32.mul
                    local.get $j
                    i32.add
                    i32.const 2
                    i32.shl
                    i32.add
                    v128.load
                    local.set $bv
                    local.get $row
                    local.get $j
                    i32.const 3
                    i32.shl
                    i32.add
                    local.get $row
                    local.get $j
                    i32.const 3
                    i32.shl
                    i32.add
                    v128.load
                    local.get $av
                    local.get $bv
                    f64x2.promote_low_f32x4
                    f64x2.mul
                    f64x2.add
                    v128.store
                    local.get $row
                    local.get $j
                    i32.const 3
                    i32.shl
                    i32.add
                    local.get $row
                    local.get $j
                    i32.const 3
                    i32.shl
                    i32.add
                    v128.load offset=16
                    local.get $av
                    local.get $bv
                    local.get $bv
                    i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
                    f64x2.promote_low_f32x4
                    f64x2.mul
                    f64x2.add
                    v128.store offset=16
                    local.get $j
                    i32.const 4
                    i32.add
                    local.set $j
                    br 0
                  end
                end
              end
              local.get $i
              i32.const 1
              i32.add
              local.set $i
            else
              local.get $i
              i32.const 4
              i32.add
              local.set $i
            end
            br 0
          end
        end
        block
          loop
            local.get $i
            local.get $n
            i32.ge_s
            br_if 1
            local.get $a
            local.get $p
            local.get $lda
            i32.mul
            local.get $i
            i32.add
            i32.const 2
            i32.shl
            i32.add
            f32.load
            f32.const 0
            f32.ne
            if
              local.get $a
              local.get $p
              local.get $lda
              i32.mul
              local.get $i
              i32.add
              i32.const 2
              i32.shl
              i32.add
              f32.load
              f64.promote_f32
              f64x2.splat
              local.set $av
              local.get $acc
              local.get $i
              local.get $mp
              i32.mul
              i32.const 3
              i32.shl
              i32.add
              local.set $row
              i32.const 0
              local.set $j
              block
                loop
                  local.get $j
                  local.get $m
                  i32.ge_s
                  br_if 1
                  local.get $b
                  local.get $p
                  local.get $m
                  i32.mul
                  local.get $j
                  i32.add
                  i32.const 2
                  i32.shl
                  i32.add
                  v128.load
                  local.set $bv
                  local.get $row
                  local.get $j
                  i32.const 3
                  i32.shl
                  i32.add
                  local.get $row
                  local.get $j
                  i32.const 3
                  i32.shl
                  i32.add
                  v128.load
                  local.get $av
                  local.get $bv
                  f64x2.promote_low_f32x4
                  f64x2.mul
                  f64x2.add
                  v128.store
                  local.get $row
                  local.get $j
                  i32.const 3
                  i32.shl
                  i32.add
                  local.get $row
                  local.get $j
                  i32.const 3
                  i32.shl
                  i32.add
                  v128.load offset=16
                  local.get $av
                  local.get $bv
                  local.get $bv
                  i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
                  f64x2.promote_low_f32x4
                  f64x2.mul
                  f64x2.add
                  v128.store offset=16
                  local.get $j
                  i32.const 4
                  i32.add
                  local.set $j
                  br 0
                end
              end
            end
            local.get $i
            i32.const 1
            i32.add
            local.set $i
            br 0
          end
        end
        local.get $p
        i32.const 1
        i32.add
        local.set $p
        br 0
      end
    end)

  (func $gemm_f32 (export "gemm_f32") (param $c i32) (param $ldc i32) (param $a i32) (param $lda i32) (param $bp i32) (param $rows i32) (param $m i32) (param $k i32)
    (local $r i32)
    (local $r0 i32)
    (local $jb i32)
    (local $nbj i32)
    (local $c0 i32)
    (local $p i32)
    (local $a0 i32)
    (local $a1 i32)
    (local $a2 i32)
    (local $a3 i32)
    (local $pb i32)
    (local $cblk i32)
    (local $b0 v128)
    (local $b1 v128)
    (local $av v128)
    (local $acc0_0 v128)
    (local $acc0_1 v128)
    (local $acc1_0 v128)
    (local $acc1_1 v128)
    (local $acc2_0 v128)
    (local $acc2_1 v128)
    (local $acc3_0 v128)
    (local $acc3_1 v128)
    local.get $m
    i32.const 7
    i32.add
    i32.const 3
    i32.shr_s
    local.set $nbj
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $r
        local.get $rows
        i32.const 4
        i32.sub
        local.get $r
        local.get $rows
        i32.const 4
        i32.sub
        i32.lt_s
        select
        local.set $r0
        i32.const 0
        local.set $jb
        block
          loop
            local.get $jb
            local.get $nbj
            i32.ge_s
            br_if 1
            local.get $jb
            i32.const 3
            i32.shl
            local.get $m
            i32.const 8
            i32.sub
            local.get $jb
            i32.const 3
            i32.shl
            local.get $m
            i32.const 8
            i32.sub
            i32.lt_s
            select
            local.set $c0
            local.get $c
            local.get $r0
            local.get $ldc
            i32.mul
            local.get $c0
            i32.add
            i32.const 2
            i32.shl
            i32.add
            local.set $cblk
            local.get $a
            local.get $r0
            local.get $lda
            i32.mul
            i32.const 2
            i32.shl
            i32.add
            local.set $a0
            local.get $a0
            local.get $lda
            i32.const 2
            i32.shl
            i32.add
            local.set $a1
            local.get $a1
            local.get $lda
            i32.const 2
            i32.shl
            i32.add
            local.set $a2
            local.get $a2
            local.get $lda
            i32.const 2
            i32.shl
            i32.add
            local.set $a3
            local.get $bp
            local.get $jb
            local.get $k
            i32.mul
            i32.const 5
            i32.shl
            i32.add
            local.set $pb
            f32.const 0
            f32x4.splat
            local.set $acc0_0
            f32.const 0
            f32x4.splat
            local.set $acc0_1
            f32.const 0
            f32x4.splat
            local.set $acc1_0
            f32.const 0
            f32x4.splat
            local.set $acc1_1
            f32.const 0
            f32x4.splat
            local.set $acc2_0
            f32.const 0
            f32x4.splat
            local.set $acc2_1
            f32.const 0
            f32x4.splat
            local.set $acc3_0
            f32.const 0
            f32x4.splat
            local.set $acc3_1
            i32.const 0
            local.set $p
            block
              loop
                local.get $p
                local.get $k
                i32.ge_s
                br_if 1
                local.get $pb
                v128.load
                local.set $b0
                local.get $pb
                v128.load offset=16
                local.set $b1
                local.get $a0
                v128.load32_splat
                local.set $av
                local.get $acc0_0
                local.get $av
                local.get $b0
                f32x4.mul
                f32x4.add
                local.set $acc0_0
                local.get $acc0_1
                local.get $av
                local.get $b1
                f32x4.mul
                f32x4.add
                local.set $acc0_1
                local.get $a0
                i32.const 4
                i32.add
                local.set $a0
                local.get $a1
                v128.load32_splat
                local.set $av
                local.get $acc1_0
                local.get $av
                local.get $b0
                f32x4.mul
                f32x4.add
                local.set $acc1_0
                local.get $acc1_1
                local.get $av
                local.get $b1
                f32x4.mul
                f32x4.add
                local.set $acc1_1
                local.get $a1
                i32.const 4
                i32.add
                local.set $a1
                local.get $a2
                v128.load32_splat
                local.set $av
                local.get $acc2_0
                local.get $av
                local.get $b0
                f32x4.mul
                f32x4.add
                local.set $acc2_0
                local.get $acc2_1
                local.get $av
                local.get $b1
                f32x4.mul
                f32x4.add
                local.set $acc2_1
                local.get $a2
                i32.const 4
                i32.add
                local.set $a2
                local.get $a3
                v128.load32_splat
                local.set $av
                local.get $acc3_0
                local.get $av
                local.get $b0
                f32x4.mul
                f32x4.add
                local.set $acc3_0
                local.get $acc3_1
                local.get $av
                local.get $b1
                f32x4.mul
                f32x4.add
                local.set $acc3_1
                local.get $a3
                i32.const 4
                i32.add
                local.set $a3
                local.get $pb
                i32.const 32
                i32.add
                local.set $pb
                local.get $p
                i32.const 1
                i32.add
                local.set $p
                br 0
              end
            end
            local.get $cblk
            local.get $acc0_0
            v128.store
            local.get $cblk
            local.get $acc0_1
            v128.store offset=16
            local.get $cblk
            local.get $ldc
            i32.const 2
            i32.shl
            i32.add
            local.set $cblk
            local.get $cblk
            local.get $acc1_0
            v128.store
            local.get $cblk
            local.get $acc1_1
            v128.store offset=16
            local.get $cblk
            local.get $ldc
            i32.const 2
            i32.shl
            i32.add
            local.set $cblk
            local.get $cblk
            local.get $acc2_0
            v128.store
            local.get $cblk
            local.get $acc2_1
            v128.store offset=16
            local.get $cblk
            local.get $ldc
            i32.const 2
            i32.shl
            i32.add
            local.set $cblk
            local.get $cblk
            local.get $acc3_0
            v128.store
            local.get $cblk
            local.get $acc3_1
            v128.store offset=16
            local.get $jb
            i32.const 1
            i32.add
            local.set $jb
            br 0
          end
        end
        local.get $r
        i32.const 4
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $row_sum_f32 (export "row_sum_f32") (param $out i32) (param $x i32) (param $rows i32) (param $n i32)
    (local $r i32)
    (local $v i32)
    (local $row i32)
    (local $nvec i32)
    (local $lanes0 v128)
    (local $lanes1 v128)
    (local $zero v128)
    (local $acc f32)
    f32.const 0
    f32x4.splat
    local.set $zero
    local.get $n
    i32.const 3
    i32.shr_s
    local.set $nvec
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $x
        local.get $r
        local.get $n
        i32.mul
        i32.const 2
        i32.shl
        i32.add
        local.set $row
        local.get $zero
        local.set $lanes0
        local.get $zero
        local.set $lanes1
        i32.const 0
        local.set $v
        block
          loop
            local.get $v
            local.get $nvec
            i32.ge_s
            br_if 1
            local.get $lanes0
            local.get $row
            local.get $v
            i32.const 5
            i32.shl
            i32.add
            v128.load
            f32x4.add
            local.set $lanes0
            local.get $lanes1
            local.get $row
            local.get $v
            i32.const 5
            i32.shl
            i32.add
            v128.load offset=16
            f32x4.add
            local.set $lanes1
            local.get $v
            i32.const 1
            i32.add
            local.set $v
            br 0
          end
        end
        local.get $lanes0
        local.get $zero
        f32x4.add
        local.set $lanes0
        local.get $lanes1
        local.get $zero
        f32x4.add
        local.set $lanes1
        f32.const 0
        local.set $acc
        local.get $nvec
        i32.const 3
        i32.shl
        local.set $v
        block
          loop
            local.get $v
            local.get $n
            i32.ge_s
            br_if 1
            local.get $acc
            local.get $row
            local.get $v
            i32.const 2
            i32.shl
            i32.add
            f32.load
            f32.add
            local.set $acc
            local.get $v
            i32.const 1
            i32.add
            local.set $v
            br 0
          end
        end
        local.get $acc
        local.get $lanes0
        f32x4.extract_lane 0
        f32.add
        local.set $acc
        local.get $acc
        local.get $lanes0
        f32x4.extract_lane 1
        f32.add
        local.set $acc
        local.get $acc
        local.get $lanes0
        f32x4.extract_lane 2
        f32.add
        local.set $acc
        local.get $acc
        local.get $lanes0
        f32x4.extract_lane 3
        f32.add
        local.set $acc
        local.get $acc
        local.get $lanes1
        f32x4.extract_lane 0
        f32.add
        local.set $acc
        local.get $acc
        local.get $lanes1
        f32x4.extract_lane 1
        f32.add
        local.set $acc
        local.get $acc
        local.get $lanes1
        f32x4.extract_lane 2
        f32.add
        local.set $acc
        local.get $acc
        local.get $lanes1
        f32x4.extract_lane 3
        f32.add
        local.set $acc
        local.get $out
        local.get $r
        i32.const 2
        i32.shl
        i32.add
        local.get $acc
        f32.store
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $all_finite (export "all_finite") (param $x i32) (param $n i32) (result i32)
    (local $i i32)
    (local $v v128)
    i32.const 0
    local.set $i
    block
      loop
        local.get $i
        local.get $n
        i32.ge_s
        br_if 1
        local.get $x
        local.get $i
        i32.const 2
        i32.shl
        i32.add
        v128.load
        local.tee $v
        local.get $v
        f32x4.sub
        f32.const 0
        f32x4.splat
        f32x4.eq
        i32x4.all_true
        i32.eqz
        if
          i32.const 0
          return
        end
        local.get $i
        i32.const 4
        i32.add
        local.set $i
        br 0
      end
    end
    i32.const 1)

  (func $col_sum_f64 (export "col_sum_f64") (param $acc i32) (param $x i32) (param $rows i32) (param $cols i32) (param $ld i32)
    (local $i i32)
    (local $j i32)
    (local $row i32)
    (local $v v128)
    i32.const 0
    local.set $i
    block
      loop
        local.get $i
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $x
        local.get $i
        local.get $ld
        i32.mul
        i32.const 2
        i32.shl
        i32.add
        local.set $row
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            i32.const 4
            i32.add
            local.get $cols
            i32.gt_s
            br_if 1
            local.get $row
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            v128.load
            local.set $v
            local.get $acc
            local.get $j
            i32.const 3
            i32.shl
            i32.add
            local.get $acc
            local.get $j
            i32.const 3
            i32.shl
            i32.add
            v128.load
            local.get $v
            f64x2.promote_low_f32x4
            f64x2.add
            v128.store
            local.get $acc
            local.get $j
            i32.const 3
            i32.shl
            i32.add
            local.get $acc
            local.get $j
            i32.const 3
            i32.shl
            i32.add
            v128.load offset=16
            local.get $v
            local.get $v
            i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
            f64x2.promote_low_f32x4
            f64x2.add
            v128.store offset=16
            local.get $j
            i32.const 4
            i32.add
            local.set $j
            br 0
          end
        end
        block
          loop
            local.get $j
            local.get $cols
            i32.ge_s
            br_if 1
            local.get $acc
            local.get $j
            i32.const 3
            i32.shl
            i32.add
            local.get $acc
            local.get $j
            i32.const 3
            i32.shl
            i32.add
            f64.load
            local.get $row
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            f32.load
            f64.promote_f32
            f64.add
            f64.store
            local.get $j
            i32.const 1
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $i
        i32.const 1
        i32.add
        local.set $i
        br 0
      end
    end)

  (func $gemm_tiles64 (export "gemm_tiles64") (param $c i32) (param $ap i32) (param $bp i32) (param $nb i32) (param $mb i32) (param $k i32)
    (local $ib i32)
    (local $jb i32)
    (local $p i32)
    (local $pa i32)
    (local $pb i32)
    (local $row i32)
    (local $av v128)
    (local $b0 v128)
    (local $b1 v128)
    (local $acc0_0 v128)
    (local $acc0_1 v128)
    (local $acc1_0 v128)
    (local $acc1_1 v128)
    (local $acc2_0 v128)
    (local $acc2_1 v128)
    (local $acc3_0 v128)
    (local $acc3_1 v128)
    i32.const 0
    local.set $ib
    block
      loop
        local.get $ib
        local.get $nb
        i32.ge_s
        br_if 1
        i32.const 0
        local.set $jb
        block
          loop
            local.get $jb
            local.get $mb
            i32.ge_s
            br_if 1
            local.get $ap
            local.get $ib
            local.get $k
            i32.mul
            i32.const 5
            i32.shl
            i32.add
            local.set $pa
            local.get $bp
            local.get $jb
            local.get $k
            i32.mul
            i32.const 5
            i32.shl
            i32.add
            local.set $pb
            f32.const 0
            f32x4.splat
            local.set $acc0_0
            f32.const 0
            f32x4.splat
            local.set $acc0_1
            f32.const 0
            f32x4.splat
            local.set $acc1_0
            f32.const 0
            f32x4.splat
            local.set $acc1_1
            f32.const 0
            f32x4.splat
            local.set $acc2_0
            f32.const 0
            f32x4.splat
            local.set $acc2_1
            f32.const 0
            f32x4.splat
            local.set $acc3_0
            f32.const 0
            f32x4.splat
            local.set $acc3_1
            i32.const 0
            local.set $p
            block
              loop
                local.get $p
                local.get $k
                i32.ge_s
                br_if 1
                local.get $pb
                v128.load
                local.set $b0
                local.get $pb
                v128.load offset=16
                local.set $b1
                local.get $pa
                f64.load
                f64x2.splat
                local.set $av
                local.get $acc0_0
                local.get $av
                local.get $b0
                f64x2.mul
                f64x2.add
                local.set $acc0_0
                local.get $acc0_1
                local.get $av
                local.get $b1
                f64x2.mul
                f64x2.add
                local.set $acc0_1
                local.get $pa
                f64.load offset=8
                f64x2.splat
                local.set $av
                local.get $acc1_0
                local.get $av
                local.get $b0
                f64x2.mul
                f64x2.add
                local.set $acc1_0
                local.get $acc1_1
                local.get $av
                local.get $b1
                f64x2.mul
                f64x2.add
                local.set $acc1_1
                local.get $pa
                f64.load offset=16
                f64x2.splat
                local.set $av
                local.get $acc2_0
                local.get $av
                local.get $b0
                f64x2.mul
                f64x2.add
                local.set $acc2_0
                local.get $acc2_1
                local.get $av
                local.get $b1
                f64x2.mul
                f64x2.add
                local.set $acc2_1
                local.get $pa
                f64.load offset=24
                f64x2.splat
                local.set $av
                local.get $acc3_0
                local.get $av
                local.get $b0
                f64x2.mul
                f64x2.add
                local.set $acc3_0
                local.get $acc3_1
                local.get $av
                local.get $b1
                f64x2.mul
                f64x2.add
                local.set $acc3_1
                local.get $pa
                i32.const 32
                i32.add
                local.set $pa
                local.get $pb
                i32.const 32
                i32.add
                local.set $pb
                local.get $p
                i32.const 1
                i32.add
                local.set $p
                br 0
              end
            end
            local.get $c
            local.get $ib
            local.get $mb
            i32.mul
            i32.const 2
            i32.shl
            local.get $jb
            i32.add
            i32.const 5
            i32.shl
            i32.add
            local.set $row
            local.get $row
            local.get $acc0_0
            v128.store
            local.get $row
            local.get $acc0_1
            v128.store offset=16
            local.get $row
            local.get $mb
            i32.const 5
            i32.shl
            i32.add
            local.set $row
            local.get $row
            local.get $acc1_0
            v128.store
            local.get $row
            local.get $acc1_1
            v128.store offset=16
            local.get $row
            local.get $mb
            i32.const 5
            i32.shl
            i32.add
            local.set $row
            local.get $row
            local.get $acc2_0
            v128.store
            local.get $row
            local.get $acc2_1
            v128.store offset=16
            local.get $row
            local.get $mb
            i32.const 5
            i32.shl
            i32.add
            local.set $row
            local.get $row
            local.get $acc3_0
            v128.store
            local.get $row
            local.get $acc3_1
            v128.store offset=16
            local.get $jb
            i32.const 1
            i32.add
            local.set $jb
            br 0
          end
        end
        local.get $ib
        i32.const 1
        i32.add
        local.set $ib
        br 0
      end
    end))
