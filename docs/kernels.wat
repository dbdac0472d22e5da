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
    (local $iB i32)
    (local $count i32)
    (local $v v128)
    (local $k v128)
    (local $ix v128)
    (local $v2 v128)
    (local $k2 v128)
    (local $kk v128)
    (local $good v128)
    (local $t v128)
    (local $t2 v128)
    (local $ta v128)
    (local $tb v128)
    (local $kkB v128)
    (local $goodB v128)
    (local $tB v128)
    (local $t2B v128)
    (local $taB v128)
    (local $tbB v128)
    (local $d v128)
    (local $d2 v128)
    i32.const 0
    local.set $count
    local.get $n
    i32.const 4
    i32.ge_s
    if
      i32.const 0
      local.set $i
      local.get $x
      local.get $i
      i32.const 2
      i32.shl
      i32.add
      v128.load
      local.set $v
      local.get $v
      i32.const 0
      v128.load offset=267296
      f32x4.gt
      local.get $v
      i32.const 0
      v128.load offset=267312
      f32x4.lt
      v128.and
      local.set $good
      local.get $v
      i32.const 0
      v128.load offset=267264
      f32x4.mul
      i32.const 0
      v128.load offset=267280
      f32x4.add
      local.tee $kk
      i32.const 0
      v128.load offset=267280
      f32x4.sub
      local.set $k
      local.get $kk
      i32.const 0
      v128.load offset=267328
      v128.and
      i32.const 3
      i32x4.shl
      local.set $ix
      local.get $ix
      i32x4.extract_lane 1
      local.get $ix
      i32x4.extract_lane 0
      v128.load64_zero offset=270336
      v128.load64_lane offset=270336 1
      local.set $ta
      local.get $ix
      i32x4.extract_lane 3
      local.get $ix
      i32x4.extract_lane 2
      v128.load64_zero offset=270336
      v128.load64_lane offset=270336 1
      local.set $tb
      local.get $v
      f64x2.promote_low_f32x4
      local.get $k
      f64x2.promote_low_f32x4
      i32.const 0
      v128.load offset=267392
      f64x2.mul
      f64x2.sub
      local.set $t
      local.get $v
      local.get $v
      i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
      local.set $v2
      local.get $k
      local.get $k
      i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
      local.set $k2
      local.get $v2
      f64x2.promote_low_f32x4
      local.get $k2
      f64x2.promote_low_f32x4
      i32.const 0
      v128.load offset=267392
      f64x2.mul
      f64x2.sub
      local.set $t2
      i32.const 4
      local.set $i
      block
        loop
          local.get $i
          local.get $n
          i32.ge_s
          br_if 1
          local.get $kk
          local.set $kkB
          local.get $good
          local.set $goodB
          local.get $t
          local.set $tB
          local.get $t2
          local.set $t2B
          local.get $ta
          local.set $taB
          local.get $tb
          local.set $tbB
          local.get $x
          local.get $i
          i32.const 2
          i32.shl
          i32.add
          v128.load
          local.set $v
          local.get $v
          i32.const 0
          v128.load offset=267296
          f32x4.gt
          local.get $v
          i32.const 0
          v128.load offset=267312
          f32x4.lt
          v128.and
          local.set $good
          local.get $v
          i32.const 0
          v128.load offset=267264
          f32x4.mul
          i32.const 0
          v128.load offset=267280
          f32x4.add
          local.tee $kk
          i32.const 0
          v128.load offset=267280
          f32x4.sub
          local.set $k
          local.get $kk
          i32.const 0
          v128.load offset=267328
          v128.and
          i32.const 3
          i32x4.shl
          local.set $ix
          local.get $ix
          i32x4.extract_lane 1
          local.get $ix
          i32x4.extract_lane 0
          v128.load64_zero offset=270336
          v128.load64_lane offset=270336 1
          local.set $ta
          local.get $ix
          i32x4.extract_lane 3
          local.get $ix
          i32x4.extract_lane 2
          v128.load64_zero offset=270336
          v128.load64_lane offset=270336 1
          local.set $tb
          local.get $v
          f64x2.promote_low_f32x4
          local.get $k
          f64x2.promote_low_f32x4
          i32.const 0
          v128.load offset=267392
          f64x2.mul
          f64x2.sub
          local.set $t
          local.get $v
          local.get $v
          i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
          local.set $v2
          local.get $k
          local.get $k
          i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
          local.set $k2
          local.get $v2
          f64x2.promote_low_f32x4
          local.get $k2
          f64x2.promote_low_f32x4
          i32.const 0
          v128.load offset=267392
          f64x2.mul
          f64x2.sub
          local.set $t2
          local.get $i
          i32.const 4
          i32.sub
          local.set $iB
          local.get $taB
          local.get $tB
          i32.const 0
          v128.load offset=267408
          f64x2.mul
          i32.const 0
          v128.load offset=267424
          f64x2.add
          local.get $tB
          f64x2.mul
          i32.const 0
          v128.load offset=267424
          f64x2.add
          f64x2.mul
          local.set $d
          local.get $tbB
          local.get $t2B
          i32.const 0
          v128.load offset=267408
          f64x2.mul
          i32.const 0
          v128.load offset=267424
          f64x2.add
          local.get $t2B
          f64x2.mul
          i32.const 0
          v128.load offset=267424
          f64x2.add
          f64x2.mul
          local.set $d2
          local.get $d
          local.get $d2
          i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27
          i32.const 0
          v128.load offset=267344
          i32x4.sub
          i32.const 0
          v128.load offset=267360
          v128.and
          i32.const 0
          v128.load offset=267376
          i32x4.gt_s
          local.get $goodB
          v128.and
          local.get $list
          local.get $count
          i32.const 2
          i32.shl
          i32.add
          local.get $iB
          i32.store
          i32x4.bitmask
          i32.const 15
          i32.ne
          local.get $count
          i32.add
          local.set $count
          local.get $out
          local.get $iB
          i32.const 2
          i32.shl
          i32.add
          local.get $d
          f32x4.demote_f64x2_zero
          local.get $d2
          f32x4.demote_f64x2_zero
          i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
          local.get $kkB
          i32.const 10
          i32x4.shr_u
          i32.const 23
          i32x4.shl
          i32x4.add
          v128.store
          local.get $i
          i32.const 4
          i32.add
          local.set $i
          br 0
        end
      end
      local.get $kk
      local.set $kkB
      local.get $good
      local.set $goodB
      local.get $t
      local.set $tB
      local.get $t2
      local.set $t2B
      local.get $ta
      local.set $taB
      local.get $tb
      local.set $tbB
      local.get $n
      i32.const 4
      i32.sub
      local.set $iB
      local.get $taB
      local.get $tB
      i32.const 0
      v128.load offset=267408
      f64x2.mul
      i32.const 0
      v128.load offset=267424
      f64x2.add
      local.get $tB
      f64x2.mul
      i32.const 0
      v128.load offset=267424
      f64x2.add
      f64x2.mul
      local.set $d
      local.get $tbB
      local.get $t2B
      i32.const 0
      v128.load offset=267408
      f64x2.mul
      i32.const 0
      v128.load offset=267424
      f64x2.add
      local.get $t2B
      f64x2.mul
      i32.const 0
      v128.load offset=267424
      f64x2.add
      f64x2.mul
      local.set $d2
      local.get $d
      local.get $d2
      i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27
      i32.const 0
      v128.load offset=267344
      i32x4.sub
      i32.const 0
      v128.load offset=267360
      v128.and
      i32.const 0
      v128.load offset=267376
      i32x4.gt_s
      local.get $goodB
      v128.and
      local.get $list
      local.get $count
      i32.const 2
      i32.shl
      i32.add
      local.get $iB
      i32.store
      i32x4.bitmask
      i32.const 15
      i32.ne
      local.get $count
      i32.add
      local.set $count
      local.get $out
      local.get $iB
      i32.const 2
      i32.shl
      i32.add
      local.get $d
      f32x4.demote_f64x2_zero
      local.get $d2
      f32x4.demote_f64x2_zero
      i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
      local.get $kkB
      i32.const 10
      i32x4.shr_u
      i32.const 23
      i32x4.shl
      i32x4.add
      v128.store
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
    (local $p i32)
    (local $stride i32)
    (local $v v128)
    (local $s0 v128)
    (local $s1 v128)
    (local $s2 v128)
    (local $s3 v128)
    (local $s4 v128)
    (local $s5 v128)
    (local $s6 v128)
    (local $s7 v128)
    local.get $ld
    i32.const 2
    i32.shl
    local.set $stride
    i32.const 0
    local.set $j
    block
      loop
        local.get $j
        i32.const 16
        i32.add
        local.get $cols
        i32.gt_s
        br_if 1
        local.get $acc
        local.get $j
        i32.const 3
        i32.shl
        i32.add
        v128.load
        local.set $s0
        local.get $acc
        local.get $j
        i32.const 3
        i32.shl
        i32.add
        v128.load offset=16
        local.set $s1
        local.get $acc
        local.get $j
        i32.const 3
        i32.shl
        i32.add
        v128.load offset=32
        local.set $s2
        local.get $acc
        local.get $j
        i32.const 3
        i32.shl
        i32.add
        v128.load offset=48
        local.set $s3
        local.get $acc
        local.get $j
        i32.const 3
        i32.shl
        i32.add
        v128.load offset=64
        local.set $s4
        local.get $acc
        local.get $j
        i32.const 3
        i32.shl
        i32.add
        v128.load offset=80
        local.set $s5
        local.get $acc
        local.get $j
        i32.const 3
        i32.shl
        i32.add
        v128.load offset=96
        local.set $s6
        local.get $acc
        local.get $j
        i32.const 3
        i32.shl
        i32.add
        v128.load offset=112
        local.set $s7
        local.get $x
        local.get $j
        i32.const 2
        i32.shl
        i32.add
        local.set $p
        i32.const 0
        local.set $i
        block
          loop
            local.get $i
            local.get $rows
            i32.ge_s
            br_if 1
            local.get $p
            v128.load
            local.set $v
            local.get $s0
            local.get $v
            f64x2.promote_low_f32x4
            f64x2.add
            local.set $s0
            local.get $s1
            local.get $v
            local.get $v
            i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
            f64x2.promote_low_f32x4
            f64x2.add
            local.set $s1
            local.get $p
            v128.load offset=16
            local.set $v
            local.get $s2
            local.get $v
            f64x2.promote_low_f32x4
            f64x2.add
            local.set $s2
            local.get $s3
            local.get $v
            local.get $v
            i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
            f64x2.promote_low_f32x4
            f64x2.add
            local.set $s3
            local.get $p
            v128.load offset=32
            local.set $v
            local.get $s4
            local.get $v
            f64x2.promote_low_f32x4
            f64x2.add
            local.set $s4
            local.get $s5
            local.get $v
            local.get $v
            i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
            f64x2.promote_low_f32x4
            f64x2.add
            local.set $s5
            local.get $p
            v128.load offset=48
            local.set $v
            local.get $s6
            local.get $v
            f64x2.promote_low_f32x4
            f64x2.add
            local.set $s6
            local.get $s7
            local.get $v
            local.get $v
            i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
            f64x2.promote_low_f32x4
            f64x2.add
            local.set $s7
            local.get $p
            local.get $stride
            i32.add
            local.set $p
            local.get $i
            i32.const 1
            i32.add
            local.set $i
            br 0
          end
        end
        local.get $acc
        local.get $j
        i32.const 3
        i32.shl
        i32.add
        local.get $s0
        v128.store
        local.get $acc
        local.get $j
        i32.const 3
        i32.shl
        i32.add
        local.get $s1
        v128.store offset=16
        local.get $acc
        local.get $j
        i32.const 3
        i32.shl
        i32.add
        local.get $s2
        v128.store offset=32
        local.get $acc
        local.get $j
        i32.const 3
        i32.shl
        i32.add
        local.get $s3
        v128.store offset=48
        local.get $acc
        local.get $j
        i32.const 3
        i32.shl
        i32.add
        local.get $s4
        v128.store offset=64
        local.get $acc
        local.get $j
        i32.const 3
        i32.shl
        i32.add
        local.get $s5
        v128.store offset=80
        local.get $acc
        local.get $j
        i32.const 3
        i32.shl
        i32.add
        local.get $s6
        v128.store offset=96
        local.get $acc
        local.get $j
        i32.const 3
        i32.shl
        i32.add
        local.get $s7
        v128.store offset=112
        local.get $j
        i32.const 16
        i32.add
        local.set $j
        br 0
      end
    end
    block
      loop
        local.get $j
        i32.const 4
        i32.add
        local.get $cols
        i32.gt_s
        br_if 1
        local.get $acc
        local.get $j
        i32.const 3
        i32.shl
        i32.add
        v128.load
        local.set $s0
        local.get $acc
        local.get $j
        i32.const 3
        i32.shl
        i32.add
        v128.load offset=16
        local.set $s1
        local.get $x
        local.get $j
        i32.const 2
        i32.shl
        i32.add
        local.set $p
        i32.const 0
        local.set $i
        block
          loop
            local.get $i
            local.get $rows
            i32.ge_s
            br_if 1
            local.get $p
            v128.load
            local.set $v
            local.get $s0
            local.get $v
            f64x2.promote_low_f32x4
            f64x2.add
            local.set $s0
            local.get $s1
            local.get $v
            local.get $v
            i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
            f64x2.promote_low_f32x4
            f64x2.add
            local.set $s1
            local.get $p
            local.get $stride
            i32.add
            local.set $p
            local.get $i
            i32.const 1
            i32.add
            local.set $i
            br 0
          end
        end
        local.get $acc
        local.get $j
        i32.const 3
        i32.shl
        i32.add
        local.get $s0
        v128.store
        local.get $acc
        local.get $j
        i32.const 3
        i32.shl
        i32.add
        local.get $s1
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
        f64.load
        f64x2.splat
        local.set $s0
        local.get $x
        local.get $j
        i32.const 2
        i32.shl
        i32.add
        local.set $p
        i32.const 0
        local.set $i
        block
          loop
            local.get $i
            local.get $rows
            i32.ge_s
            br_if 1
            local.get $s0
            local.get $p
            v128.load32_splat
            f64x2.promote_low_f32x4
            f64x2.add
            local.set $s0
            local.get $p
            local.get $stride
            i32.add
            local.set $p
            local.get $i
            i32.const 1
            i32.add
            local.set $i
            br 0
          end
        end
        local.get $acc
        local.get $j
        i32.const 3
        i32.shl
        i32.add
        local.get $s0
        f64x2.extract_lane 0
        f64.store
        local.get $j
        i32.const 1
        i32.add
        local.set $j
        br 0
      end
    end)

  (func $cascade_row_sum_f32 (export "cascade_row_sum_f32") (param $out i32) (param $x i32) (param $rows i32) (param $n i32) (param $levelPower i32)
    (local $r i32)
    (local $row i32)
    (local $nvec i32)
    (local $size i32)
    (local $i i32)
    (local $end i32)
    (local $mask i32)
    (local $group i32)
    (local $acc f32)
    (local $zero v128)
    (local $l0_0_0 v128)
    (local $l0_0_1 v128)
    (local $l0_1_0 v128)
    (local $l0_1_1 v128)
    (local $l0_2_0 v128)
    (local $l0_2_1 v128)
    (local $l0_3_0 v128)
    (local $l0_3_1 v128)
    (local $l1_0_0 v128)
    (local $l1_0_1 v128)
    (local $l1_1_0 v128)
    (local $l1_1_1 v128)
    (local $l1_2_0 v128)
    (local $l1_2_1 v128)
    (local $l1_3_0 v128)
    (local $l1_3_1 v128)
    (local $l2_0_0 v128)
    (local $l2_0_1 v128)
    (local $l2_1_0 v128)
    (local $l2_1_1 v128)
    (local $l2_2_0 v128)
    (local $l2_2_1 v128)
    (local $l2_3_0 v128)
    (local $l2_3_1 v128)
    (local $l3_0_0 v128)
    (local $l3_0_1 v128)
    (local $l3_1_0 v128)
    (local $l3_1_1 v128)
    (local $l3_2_0 v128)
    (local $l3_2_1 v128)
    (local $l3_3_0 v128)
    (local $l3_3_1 v128)
    f32.const 0
    f32x4.splat
    local.set $zero
    local.get $n
    i32.const 3
    i32.shr_s
    local.set $nvec
    local.get $nvec
    i32.const 2
    i32.shr_s
    local.set $size
    i32.const 1
    local.get $levelPower
    i32.shl
    i32.const 1
    i32.sub
    local.set $mask
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
        local.set $l0_0_0
        local.get $zero
        local.set $l0_0_1
        local.get $zero
        local.set $l0_1_0
        local.get $zero
        local.set $l0_1_1
        local.get $zero
        local.set $l0_2_0
        local.get $zero
        local.set $l0_2_1
        local.get $zero
        local.set $l0_3_0
        local.get $zero
        local.set $l0_3_1
        local.get $zero
        local.set $l1_0_0
        local.get $zero
        local.set $l1_0_1
        local.get $zero
        local.set $l1_1_0
        local.get $zero
        local.set $l1_1_1
        local.get $zero
        local.set $l1_2_0
        local.get $zero
        local.set $l1_2_1
        local.get $zero
        local.set $l1_3_0
        local.get $zero
        local.set $l1_3_1
        local.get $zero
        local.set $l2_0_0
        local.get $zero
        local.set $l2_0_1
        local.get $zero
        local.set $l2_1_0
        local.get $zero
        local.set $l2_1_1
        local.get $zero
        local.set $l2_2_0
        local.get $zero
        local.set $l2_2_1
        local.get $zero
        local.set $l2_3_0
        local.get $zero
        local.set $l2_3_1
        local.get $zero
        local.set $l3_0_0
        local.get $zero
        local.set $l3_0_1
        local.get $zero
        local.set $l3_1_0
        local.get $zero
        local.set $l3_1_1
        local.get $zero
        local.set $l3_2_0
        local.get $zero
        local.set $l3_2_1
        local.get $zero
        local.set $l3_3_0
        local.get $zero
        local.set $l3_3_1
        i32.const 0
        local.set $i
        block
          loop
            local.get $i
            i32.const 1
            local.get $levelPower
            i32.shl
            i32.add
            local.tee $end
            local.get $size
            i32.gt_s
            br_if 1
            block
              loop
                local.get $i
                local.get $end
                i32.ge_s
                br_if 1
                local.get $row
                local.get $i
                i32.const 7
                i32.shl
                i32.add
                local.set $group
                local.get $l0_0_0
                local.get $group
                v128.load
                f32x4.add
                local.set $l0_0_0
                local.get $l0_0_1
                local.get $group
                v128.load offset=16
                f32x4.add
                local.set $l0_0_1
                local.get $l0_1_0
                local.get $group
                v128.load offset=32
                f32x4.add
                local.set $l0_1_0
                local.get $l0_1_1
                local.get $group
                v128.load offset=48
                f32x4.add
                local.set $l0_1_1
                local.get $l0_2_0
                local.get $group
                v128.load offset=64
                f32x4.add
                local.set $l0_2_0
                local.get $l0_2_1
                local.get $group
                v128.load offset=80
                f32x4.add
                local.set $l0_2_1
                local.get $l0_3_0
                local.get $group
                v128.load offset=96
                f32x4.add
                local.set $l0_3_0
                local.get $l0_3_1
                local.get $group
                v128.load offset=112
                f32x4.add
                local.set $l0_3_1
                local.get $i
                i32.const 1
                i32.add
                local.set $i
                br 0
              end
            end
            block
              local.get $l1_0_0
              local.get $l0_0_0
              f32x4.add
              local.set $l1_0_0
              local.get $l1_0_1
              local.get $l0_0_1
              f32x4.add
              local.set $l1_0_1
              local.get $l1_1_0
              local.get $l0_1_0
              f32x4.add
              local.set $l1_1_0
              local.get $l1_1_1
              local.get $l0_1_1
              f32x4.add
              local.set $l1_1_1
              local.get $l1_2_0
              local.get $l0_2_0
              f32x4.add
              local.set $l1_2_0
              local.get $l1_2_1
              local.get $l0_2_1
              f32x4.add
              local.set $l1_2_1
              local.get $l1_3_0
              local.get $l0_3_0
              f32x4.add
              local.set $l1_3_0
              local.get $l1_3_1
              local.get $l0_3_1
              f32x4.add
              local.set $l1_3_1
              local.get $zero
              local.set $l0_0_0
              local.get $zero
              local.set $l0_0_1
              local.get $zero
              local.set $l0_1_0
              local.get $zero
              local.set $l0_1_1
              local.get $zero
              local.set $l0_2_0
              local.get $zero
              local.set $l0_2_1
              local.get $zero
              local.set $l0_3_0
              local.get $zero
              local.set $l0_3_1
              local.get $i
              local.get $mask
              local.get $levelPower
              i32.const 1
              i32.mul
              i32.shl
              i32.and
              br_if 0
              local.get $l2_0_0
              local.get $l1_0_0
              f32x4.add
              local.set $l2_0_0
              local.get $l2_0_1
              local.get $l1_0_1
              f32x4.add
              local.set $l2_0_1
              local.get $l2_1_0
              local.get $l1_1_0
              f32x4.add
              local.set $l2_1_0
              local.get $l2_1_1
              local.get $l1_1_1
              f32x4.add
              local.set $l2_1_1
              local.get $l2_2_0
              local.get $l1_2_0
              f32x4.add
              local.set $l2_2_0
              local.get $l2_2_1
              local.get $l1_2_1
              f32x4.add
              local.set $l2_2_1
              local.get $l2_3_0
              local.get $l1_3_0
              f32x4.add
              local.set $l2_3_0
              local.get $l2_3_1
              local.get $l1_3_1
              f32x4.add
              local.set $l2_3_1
              local.get $zero
              local.set $l1_0_0
              local.get $zero
              local.set $l1_0_1
              local.get $zero
              local.set $l1_1_0
              local.get $zero
              local.set $l1_1_1
              local.get $zero
              local.set $l1_2_0
              local.get $zero
              local.set $l1_2_1
              local.get $zero
              local.set $l1_3_0
              local.get $zero
              local.set $l1_3_1
              local.get $i
              local.get $mask
              local.get $levelPower
              i32.const 2
              i32.mul
              i32.shl
              i32.and
              br_if 0
              local.get $l3_0_0
              local.get $l2_0_0
              f32x4.add
              local.set $l3_0_0
              local.get $l3_0_1
              local.get $l2_0_1
              f32x4.add
              local.set $l3_0_1
              local.get $l3_1_0
              local.get $l2_1_0
              f32x4.add
              local.set $l3_1_0
              local.get $l3_1_1
              local.get $l2_1_1
              f32x4.add
              local.set $l3_1_1
              local.get $l3_2_0
              local.get $l2_2_0
              f32x4.add
              local.set $l3_2_0
              local.get $l3_2_1
              local.get $l2_2_1
              f32x4.add
              local.set $l3_2_1
              local.get $l3_3_0
              local.get $l2_3_0
              f32x4.add
              local.set $l3_3_0
              local.get $l3_3_1
              local.get $l2_3_1
              f32x4.add
              local.set $l3_3_1
              local.get $zero
              local.set $l2_0_0
              local.get $zero
              local.set $l2_0_1
              local.get $zero
              local.set $l2_1_0
              local.get $zero
              local.set $l2_1_1
              local.get $zero
              local.set $l2_2_0
              local.get $zero
              local.set $l2_2_1
              local.get $zero
              local.set $l2_3_0
              local.get $zero
              local.set $l2_3_1
            end
            br 0
          end
        end
        local.get $size
        local.set $end
        block
          loop
            local.get $i
            local.get $end
            i32.ge_s
            br_if 1
            local.get $row
            local.get $i
            i32.const 7
            i32.shl
            i32.add
            local.set $group
            local.get $l0_0_0
            local.get $group
            v128.load
            f32x4.add
            local.set $l0_0_0
            local.get $l0_0_1
            local.get $group
            v128.load offset=16
            f32x4.add
            local.set $l0_0_1
            local.get $l0_1_0
            local.get $group
            v128.load offset=32
            f32x4.add
            local.set $l0_1_0
            local.get $l0_1_1
            local.get $group
            v128.load offset=48
            f32x4.add
            local.set $l0_1_1
            local.get $l0_2_0
            local.get $group
            v128.load offset=64
            f32x4.add
            local.set $l0_2_0
            local.get $l0_2_1
            local.get $group
            v128.load offset=80
            f32x4.add
            local.set $l0_2_1
            local.get $l0_3_0
            local.get $group
            v128.load offset=96
            f32x4.add
            local.set $l0_3_0
            local.get $l0_3_1
            local.get $group
            v128.load offset=112
            f32x4.add
            local.set $l0_3_1
            local.get $i
            i32.const 1
            i32.add
            local.set $i
            br 0
          end
        end
        local.get $l0_0_0
        local.get $l1_0_0
        f32x4.add
        local.set $l0_0_0
        local.get $l0_0_1
        local.get $l1_0_1
        f32x4.add
        local.set $l0_0_1
        local.get $l0_1_0
        local.get $l1_1_0
        f32x4.add
        local.set $l0_1_0
        local.get $l0_1_1
        local.get $l1_1_1
        f32x4.add
        local.set $l0_1_1
        local.get $l0_2_0
        local.get $l1_2_0
        f32x4.add
        local.set $l0_2_0
        local.get $l0_2_1
        local.get $l1_2_1
        f32x4.add
        local.set $l0_2_1
        local.get $l0_3_0
        local.get $l1_3_0
        f32x4.add
        local.set $l0_3_0
        local.get $l0_3_1
        local.get $l1_3_1
        f32x4.add
        local.set $l0_3_1
        local.get $l0_0_0
        local.get $l2_0_0
        f32x4.add
        local.set $l0_0_0
        local.get $l0_0_1
        local.get $l2_0_1
        f32x4.add
        local.set $l0_0_1
        local.get $l0_1_0
        local.get $l2_1_0
        f32x4.add
        local.set $l0_1_0
        local.get $l0_1_1
        local.get $l2_1_1
        f32x4.add
        local.set $l0_1_1
        local.get $l0_2_0
        local.get $l2_2_0
        f32x4.add
        local.set $l0_2_0
        local.get $l0_2_1
        local.get $l2_2_1
        f32x4.add
        local.set $l0_2_1
        local.get $l0_3_0
        local.get $l2_3_0
        f32x4.add
        local.set $l0_3_0
        local.get $l0_3_1
        local.get $l2_3_1
        f32x4.add
        local.set $l0_3_1
        local.get $l0_0_0
        local.get $l3_0_0
        f32x4.add
        local.set $l0_0_0
        local.get $l0_0_1
        local.get $l3_0_1
        f32x4.add
        local.set $l0_0_1
        local.get $l0_1_0
        local.get $l3_1_0
        f32x4.add
        local.set $l0_1_0
        local.get $l0_1_1
        local.get $l3_1_1
        f32x4.add
        local.set $l0_1_1
        local.get $l0_2_0
        local.get $l3_2_0
        f32x4.add
        local.set $l0_2_0
        local.get $l0_2_1
        local.get $l3_2_1
        f32x4.add
        local.set $l0_2_1
        local.get $l0_3_0
        local.get $l3_3_0
        f32x4.add
        local.set $l0_3_0
        local.get $l0_3_1
        local.get $l3_3_1
        f32x4.add
        local.set $l0_3_1
        local.get $size
        i32.const 2
        i32.shl
        local.set $i
        block
          loop
            local.get $i
            local.get $nvec
            i32.ge_s
            br_if 1
            local.get $l0_0_0
            local.get $row
            local.get $i
            i32.const 5
            i32.shl
            i32.add
            v128.load
            f32x4.add
            local.set $l0_0_0
            local.get $l0_0_1
            local.get $row
            local.get $i
            i32.const 5
            i32.shl
            i32.add
            v128.load offset=16
            f32x4.add
            local.set $l0_0_1
            local.get $i
            i32.const 1
            i32.add
            local.set $i
            br 0
          end
        end
        local.get $l0_0_0
        local.get $l0_1_0
        f32x4.add
        local.set $l0_0_0
        local.get $l0_0_1
        local.get $l0_1_1
        f32x4.add
        local.set $l0_0_1
        local.get $l0_0_0
        local.get $l0_2_0
        f32x4.add
        local.set $l0_0_0
        local.get $l0_0_1
        local.get $l0_2_1
        f32x4.add
        local.set $l0_0_1
        local.get $l0_0_0
        local.get $l0_3_0
        f32x4.add
        local.set $l0_0_0
        local.get $l0_0_1
        local.get $l0_3_1
        f32x4.add
        local.set $l0_0_1
        f32.const 0
        local.set $acc
        local.get $nvec
        i32.const 3
        i32.shl
        local.set $i
        block
          loop
            local.get $i
            local.get $n
            i32.ge_s
            br_if 1
            local.get $acc
            local.get $row
            local.get $i
            i32.const 2
            i32.shl
            i32.add
            f32.load
            f32.add
            local.set $acc
            local.get $i
            i32.const 1
            i32.add
            local.set $i
            br 0
          end
        end
        local.get $acc
        local.get $l0_0_0
        f32x4.extract_lane 0
        f32.add
        local.set $acc
        local.get $acc
        local.get $l0_0_0
        f32x4.extract_lane 1
        f32.add
        local.set $acc
        local.get $acc
        local.get $l0_0_0
        f32x4.extract_lane 2
        f32.add
        local.set $acc
        local.get $acc
        local.get $l0_0_0
        f32x4.extract_lane 3
        f32.add
        local.set $acc
        local.get $acc
        local.get $l0_0_1
        f32x4.extract_lane 0
        f32.add
        local.set $acc
        local.get $acc
        local.get $l0_0_1
        f32x4.extract_lane 1
        f32.add
        local.set $acc
        local.get $acc
        local.get $l0_0_1
        f32x4.extract_lane 2
        f32.add
        local.set $acc
        local.get $acc
        local.get $l0_0_1
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

  (func $box_muller_f32 (export "box_muller_f32") (param $d i32) (param $blocks i32) (param $stdBits i32) (param $meanBits i32) (param $list i32) (result i32)
    (local $b i32)
    (local $p i32)
    (local $count i32)
    (local $u1 v128)
    (local $u2 v128)
    (local $x v128)
    (local $kd v128)
    (local $f v128)
    (local $s v128)
    (local $z v128)
    (local $w v128)
    (local $hfsq v128)
    (local $r v128)
    (local $q v128)
    (local $sin v128)
    (local $cos v128)
    (local $radius v128)
    (local $ok v128)
    (local $stdv v128)
    (local $meanv v128)
    (local $k0 v128)
    (local $k1 v128)
    (local $k2 v128)
    (local $k3 v128)
    (local $k4 v128)
    (local $k5 v128)
    (local $k6 v128)
    (local $k7 v128)
    (local $k8 v128)
    (local $k9 v128)
    (local $k10 v128)
    (local $k11 v128)
    (local $k12 v128)
    (local $k13 v128)
    (local $k14 v128)
    (local $k15 v128)
    (local $k16 v128)
    (local $k17 v128)
    (local $k18 v128)
    (local $k19 v128)
    (local $k20 v128)
    (local $k21 v128)
    (local $k22 v128)
    (local $k23 v128)
    (local $k24 v128)
    (local $k25 v128)
    (local $k26 v128)
    (local $k27 v128)
    (local $k28 v128)
    (local $k29 v128)
    (local $k30 v128)
    (local $k31 v128)
    (local $k32 v128)
    (local $k33 v128)
    (local $k34 v128)
    (local $k35 v128)
    (local $k36 v128)
    (local $k37 v128)
    (local $cos0 v128)
    (local $sin0 v128)
    (local $cos1 v128)
    (local $sin1 v128)
    (local $radius0 v128)
    (local $cosf0 v128)
    (local $sinf0 v128)
    (local $radius1 v128)
    (local $cosf1 v128)
    (local $sinf1 v128)
    f64.const 0.6931471803691238
    f64x2.splat
    local.set $k0
    f64.const 1.9082149292705877e-10
    f64x2.splat
    local.set $k1
    f64.const 0.6666666666666735
    f64x2.splat
    local.set $k2
    f64.const 0.3999999999940942
    f64x2.splat
    local.set $k3
    f64.const 0.2857142874366239
    f64x2.splat
    local.set $k4
    f64.const 0.22222198432149784
    f64x2.splat
    local.set $k5
    f64.const 0.1818357216161805
    f64x2.splat
    local.set $k6
    f64.const 0.15313837699209373
    f64x2.splat
    local.set $k7
    f64.const 0.14798198605116586
    f64x2.splat
    local.set $k8
    f64.const -0.16666666666666632
    f64x2.splat
    local.set $k9
    f64.const 0.00833333333332249
    f64x2.splat
    local.set $k10
    f64.const -0.0001984126982985795
    f64x2.splat
    local.set $k11
    f64.const 0.0000027557313707070068
    f64x2.splat
    local.set $k12
    f64.const -2.5050760253406863e-8
    f64x2.splat
    local.set $k13
    f64.const 1.58969099521155e-10
    f64x2.splat
    local.set $k14
    f64.const 0.0416666666666666
    f64x2.splat
    local.set $k15
    f64.const -0.001388888888887411
    f64x2.splat
    local.set $k16
    f64.const 0.00002480158728947673
    f64x2.splat
    local.set $k17
    f64.const -2.7557314351390663e-7
    f64x2.splat
    local.set $k18
    f64.const 2.087572321298175e-9
    f64x2.splat
    local.set $k19
    f64.const -1.1359647557788195e-11
    f64x2.splat
    local.set $k20
    f64.const 0.6366197723675814
    f64x2.splat
    local.set $k21
    f64.const 1.5707963267341256
    f64x2.splat
    local.set $k22
    f64.const 6.077100506303966e-11
    f64x2.splat
    local.set $k23
    f64.const 2.0222662487959506e-21
    f64x2.splat
    local.set $k24
    f64.const 6.283185307179586
    f64x2.splat
    local.set $k25
    f64.const 1.0000000000009095
    f64x2.splat
    local.set $k26
    f64.const 0.9999999999990905
    f64x2.splat
    local.set $k27
    f64.const 0.5
    f64x2.splat
    local.set $k28
    f64.const 1
    f64x2.splat
    local.set $k29
    f64.const 2
    f64x2.splat
    local.set $k30
    f64.const -2
    f64x2.splat
    local.set $k31
    f64.const 2.225073858507201e-308
    f64x2.splat
    local.set $k32
    f64.const 1.3034231826256727e-308
    f64x2.splat
    local.set $k33
    f64.const 2.2250738585072014e-308
    f64x2.splat
    local.set $k34
    f64.const 5.054e-321
    f64x2.splat
    local.set $k35
    f64.const 5e-324
    f64x2.splat
    local.set $k36
    f64.const 0
    f64x2.splat
    local.set $k37
    local.get $stdBits
    i32x4.splat
    local.set $stdv
    local.get $meanBits
    i32x4.splat
    local.set $meanv
    i32.const 0
    local.set $count
    i32.const 0
    local.set $b
    block
      loop
        local.get $b
        local.get $blocks
        i32.ge_s
        br_if 1
        local.get $d
        local.get $b
        i32.const 4
        i32.shl
        i32.const 2
        i32.shl
        i32.add
        local.set $p
        i32.const -1
        i32x4.splat
        local.set $ok
        i32.const 1065353216
        i32x4.splat
        local.get $p
        v128.load
        f32x4.sub
        local.set $u1
        local.get $p
        v128.load offset=32
        local.set $u2
        local.get $u1
        f64x2.promote_low_f32x4
        local.set $x
        local.get $x
        local.get $k32
        v128.and
        local.set $f
        local.get $f
        local.get $k33
        i64x2.add
        local.get $k34
        v128.and
        local.set $q
        local.get $x
        i32.const 52
        i64x2.shr_s
        local.get $k35
        i64x2.sub
        local.get $q
        i32.const 52
        i64x2.shr_s
        i64x2.add
        local.set $kd
        local.get $kd
        local.get $kd
        i8x16.shuffle 0 1 2 3 8 9 10 11 0 1 2 3 8 9 10 11
        f64x2.convert_low_i32x4_s
        local.set $kd
        local.get $f
        local.get $k29
        local.get $q
        v128.xor
        v128.or
        local.get $k29
        f64x2.sub
        local.set $f
        local.get $f
        local.get $k30
        local.get $f
        f64x2.add
        f64x2.div
        local.set $s
        local.get $s
        local.get $s
        f64x2.mul
        local.set $z
        local.get $z
        local.get $z
        f64x2.mul
        local.set $w
        local.get $z
        local.get $k8
        local.get $w
        f64x2.mul
        local.get $k6
        f64x2.add
        local.get $w
        f64x2.mul
        local.get $k4
        f64x2.add
        local.get $w
        f64x2.mul
        local.get $k2
        f64x2.add
        f64x2.mul
        local.get $w
        local.get $k7
        local.get $w
        f64x2.mul
        local.get $k5
        f64x2.add
        local.get $w
        f64x2.mul
        local.get $k3
        f64x2.add
        f64x2.mul
        f64x2.add
        local.set $r
        local.get $k28
        local.get $f
        f64x2.mul
        local.get $f
        f64x2.mul
        local.set $hfsq
        local.get $kd
        local.get $k0
        f64x2.mul
        local.get $hfsq
        local.get $s
        local.get $hfsq
        local.get $r
        f64x2.add
        f64x2.mul
        local.get $kd
        local.get $k1
        f64x2.mul
        f64x2.add
        f64x2.sub
        local.get $f
        f64x2.sub
        f64x2.sub
        local.set $x
        local.get $ok
        local.get $x
        local.get $k26
        f64x2.mul
        f32x4.demote_f64x2_zero
        local.get $x
        local.get $k27
        f64x2.mul
        f32x4.demote_f64x2_zero
        f32x4.eq
        v128.and
        local.set $ok
        local.get $k31
        local.get $x
        f32x4.demote_f64x2_zero
        f64x2.promote_low_f32x4
        f64x2.mul
        f64x2.sqrt
        f32x4.demote_f64x2_zero
        local.set $radius0
        local.get $k25
        local.get $u2
        f64x2.promote_low_f32x4
        f64x2.mul
        f32x4.demote_f64x2_zero
        f64x2.promote_low_f32x4
        local.set $x
        local.get $x
        local.get $k21
        f64x2.mul
        f64x2.nearest
        local.set $kd
        local.get $x
        local.get $kd
        local.get $k22
        f64x2.mul
        f64x2.sub
        local.get $kd
        local.get $k23
        f64x2.mul
        f64x2.sub
        local.get $kd
        local.get $k24
        f64x2.mul
        f64x2.sub
        local.set $r
        local.get $r
        local.get $r
        f64x2.mul
        local.set $z
        local.get $r
        local.get $z
        local.get $r
        f64x2.mul
        local.get $k14
        local.get $z
        f64x2.mul
        local.get $k13
        f64x2.add
        local.get $z
        f64x2.mul
        local.get $k12
        f64x2.add
        local.get $z
        f64x2.mul
        local.get $k11
        f64x2.add
        local.get $z
        f64x2.mul
        local.get $k10
        f64x2.add
        local.get $z
        f64x2.mul
        local.get $k9
        f64x2.add
        f64x2.mul
        f64x2.add
        local.set $sin
        local.get $k29
        local.get $k28
        local.get $z
        f64x2.mul
        local.get $z
        local.get $z
        local.get $k20
        local.get $z
        f64x2.mul
        local.get $k19
        f64x2.add
        local.get $z
        f64x2.mul
        local.get $k18
        f64x2.add
        local.get $z
        f64x2.mul
        local.get $k17
        f64x2.add
        local.get $z
        f64x2.mul
        local.get $k16
        f64x2.add
        local.get $z
        f64x2.mul
        local.get $k15
        f64x2.add
        f64x2.mul
        f64x2.mul
        f64x2.sub
        f64x2.sub
        local.set $cos
        local.get $kd
        i32x4.trunc_sat_f64x2_s_zero
        i64x2.extend_low_i32x4_s
        local.set $q
        local.get $q
        i32.const 63
        i64x2.shl
        i32.const 63
        i64x2.shr_s
        local.set $w
        local.get $cos
        local.get $sin
        local.get $w
        v128.bitselect
        local.get $sin
        local.get $cos
        local.get $w
        v128.bitselect
        local.set $cos
        local.set $sin
        local.get $sin
        local.get $q
        i32.const 62
        i64x2.shl
        local.get $k37
        v128.and
        v128.xor
        local.set $sin
        local.get $cos
        local.get $q
        local.get $k36
        i64x2.add
        i32.const 62
        i64x2.shl
        local.get $k37
        v128.and
        v128.xor
        local.set $cos
        local.get $ok
        local.get $sin
        local.get $k26
        f64x2.mul
        f32x4.demote_f64x2_zero
        local.get $sin
        local.get $k27
        f64x2.mul
        f32x4.demote_f64x2_zero
        f32x4.eq
        v128.and
        local.set $ok
        local.get $ok
        local.get $cos
        local.get $k26
        f64x2.mul
        f32x4.demote_f64x2_zero
        local.get $cos
        local.get $k27
        f64x2.mul
        f32x4.demote_f64x2_zero
        f32x4.eq
        v128.and
        local.set $ok
        local.get $cos
        f32x4.demote_f64x2_zero
        local.set $cosf0
        local.get $sin
        f32x4.demote_f64x2_zero
        local.set $sinf0
        local.get $u1
        local.get $u1
        i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
        f64x2.promote_low_f32x4
        local.set $x
        local.get $x
        local.get $k32
        v128.and
        local.set $f
        local.get $f
        local.get $k33
        i64x2.add
        local.get $k34
        v128.and
        local.set $q
        local.get $x
        i32.const 52
        i64x2.shr_s
        local.get $k35
        i64x2.sub
        local.get $q
        i32.const 52
        i64x2.shr_s
        i64x2.add
        local.set $kd
        local.get $kd
        local.get $kd
        i8x16.shuffle 0 1 2 3 8 9 10 11 0 1 2 3 8 9 10 11
        f64x2.convert_low_i32x4_s
        local.set $kd
        local.get $f
        local.get $k29
        local.get $q
        v128.xor
        v128.or
        local.get $k29
        f64x2.sub
        local.set $f
        local.get $f
        local.get $k30
        local.get $f
        f64x2.add
        f64x2.div
        local.set $s
        local.get $s
        local.get $s
        f64x2.mul
        local.set $z
        local.get $z
        local.get $z
        f64x2.mul
        local.set $w
        local.get $z
        local.get $k8
        local.get $w
        f64x2.mul
        local.get $k6
        f64x2.add
        local.get $w
        f64x2.mul
        local.get $k4
        f64x2.add
        local.get $w
        f64x2.mul
        local.get $k2
        f64x2.add
        f64x2.mul
        local.get $w
        local.get $k7
        local.get $w
        f64x2.mul
        local.get $k5
        f64x2.add
        local.get $w
        f64x2.mul
        local.get $k3
        f64x2.add
        f64x2.mul
        f64x2.add
        local.set $r
        local.get $k28
        local.get $f
        f64x2.mul
        local.get $f
        f64x2.mul
        local.set $hfsq
        local.get $kd
        local.get $k0
        f64x2.mul
        local.get $hfsq
        local.get $s
        local.get $hfsq
        local.get $r
        f64x2.add
        f64x2.mul
        local.get $kd
        local.get $k1
        f64x2.mul
        f64x2.add
        f64x2.sub
        local.get $f
        f64x2.sub
        f64x2.sub
        local.set $x
        local.get $ok
        local.get $x
        local.get $k26
        f64x2.mul
        f32x4.demote_f64x2_zero
        local.get $x
        local.get $k27
        f64x2.mul
        f32x4.demote_f64x2_zero
        f32x4.eq
        v128.and
        local.set $ok
        local.get $k31
        local.get $x
        f32x4.demote_f64x2_zero
        f64x2.promote_low_f32x4
        f64x2.mul
        f64x2.sqrt
        f32x4.demote_f64x2_zero
        local.set $radius1
        local.get $k25
        local.get $u2
        local.get $u2
        i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
        f64x2.promote_low_f32x4
        f64x2.mul
        f32x4.demote_f64x2_zero
        f64x2.promote_low_f32x4
        local.set $x
        local.get $x
        local.get $k21
        f64x2.mul
        f64x2.nearest
        local.set $kd
        local.get $x
        local.get $kd
        local.get $k22
        f64x2.mul
        f64x2.sub
        local.get $kd
        local.get $k23
        f64x2.mul
        f64x2.sub
        local.get $kd
        local.get $k24
        f64x2.mul
        f64x2.sub
        local.set $r
        local.get $r
        local.get $r
        f64x2.mul
        local.set $z
        local.get $r
        local.get $z
        local.get $r
        f64x2.mul
        local.get $k14
        local.get $z
        f64x2.mul
        local.get $k13
        f64x2.add
        local.get $z
        f64x2.mul
        local.get $k12
        f64x2.add
        local.get $z
        f64x2.mul
        local.get $k11
        f64x2.add
        local.get $z
        f64x2.mul
        local.get $k10
        f64x2.add
        local.get $z
        f64x2.mul
        local.get $k9
        f64x2.add
        f64x2.mul
        f64x2.add
        local.set $sin
        local.get $k29
        local.get $k28
        local.get $z
        f64x2.mul
        local.get $z
        local.get $z
        local.get $k20
        local.get $z
        f64x2.mul
        local.get $k19
        f64x2.add
        local.get $z
        f64x2.mul
        local.get $k18
        f64x2.add
        local.get $z
        f64x2.mul
        local.get $k17
        f64x2.add
        local.get $z
        f64x2.mul
        local.get $k16
        f64x2.add
        local.get $z
        f64x2.mul
        local.get $k15
        f64x2.add
        f64x2.mul
        f64x2.mul
        f64x2.sub
        f64x2.sub
        local.set $cos
        local.get $kd
        i32x4.trunc_sat_f64x2_s_zero
        i64x2.extend_low_i32x4_s
        local.set $q
        local.get $q
        i32.const 63
        i64x2.shl
        i32.const 63
        i64x2.shr_s
        local.set $w
        local.get $cos
        local.get $sin
        local.get $w
        v128.bitselect
        local.get $sin
        local.get $cos
        local.get $w
        v128.bitselect
        local.set $cos
        local.set $sin
        local.get $sin
        local.get $q
        i32.const 62
        i64x2.shl
        local.get $k37
        v128.and
        v128.xor
        local.set $sin
        local.get $cos
        local.get $q
        local.get $k36
        i64x2.add
        i32.const 62
        i64x2.shl
        local.get $k37
        v128.and
        v128.xor
        local.set $cos
        local.get $ok
        local.get $sin
        local.get $k26
        f64x2.mul
        f32x4.demote_f64x2_zero
        local.get $sin
        local.get $k27
        f64x2.mul
        f32x4.demote_f64x2_zero
        f32x4.eq
        v128.and
        local.set $ok
        local.get $ok
        local.get $cos
        local.get $k26
        f64x2.mul
        f32x4.demote_f64x2_zero
        local.get $cos
        local.get $k27
        f64x2.mul
        f32x4.demote_f64x2_zero
        f32x4.eq
        v128.and
        local.set $ok
        local.get $cos
        f32x4.demote_f64x2_zero
        local.set $cosf1
        local.get $sin
        f32x4.demote_f64x2_zero
        local.set $sinf1
        local.get $radius0
        local.get $radius1
        i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
        local.set $radius
        local.get $radius
        local.get $cosf0
        local.get $cosf1
        i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
        f32x4.mul
        local.get $stdv
        f32x4.mul
        local.get $meanv
        f32x4.add
        local.set $cos0
        local.get $radius
        local.get $sinf0
        local.get $sinf1
        i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
        f32x4.mul
        local.get $stdv
        f32x4.mul
        local.get $meanv
        f32x4.add
        local.set $sin0
        i32.const 1065353216
        i32x4.splat
        local.get $p
        v128.load offset=16
        f32x4.sub
        local.set $u1
        local.get $p
        v128.load offset=48
        local.set $u2
        local.get $u1
        f64x2.promote_low_f32x4
        local.set $x
        local.get $x
        local.get $k32
        v128.and
        local.set $f
        local.get $f
        local.get $k33
        i64x2.add
        local.get $k34
        v128.and
        local.set $q
        local.get $x
        i32.const 52
        i64x2.shr_s
        local.get $k35
        i64x2.sub
        local.get $q
        i32.const 52
        i64x2.shr_s
        i64x2.add
        local.set $kd
        local.get $kd
        local.get $kd
        i8x16.shuffle 0 1 2 3 8 9 10 11 0 1 2 3 8 9 10 11
        f64x2.convert_low_i32x4_s
        local.set $kd
        local.get $f
        local.get $k29
        local.get $q
        v128.xor
        v128.or
        local.get $k29
        f64x2.sub
        local.set $f
        local.get $f
        local.get $k30
        local.get $f
        f64x2.add
        f64x2.div
        local.set $s
        local.get $s
        local.get $s
        f64x2.mul
        local.set $z
        local.get $z
        local.get $z
        f64x2.mul
        local.set $w
        local.get $z
        local.get $k8
        local.get $w
        f64x2.mul
        local.get $k6
        f64x2.add
        local.get $w
        f64x2.mul
        local.get $k4
        f64x2.add
        local.get $w
        f64x2.mul
        local.get $k2
        f64x2.add
        f64x2.mul
        local.get $w
        local.get $k7
        local.get $w
        f64x2.mul
        local.get $k5
        f64x2.add
        local.get $w
        f64x2.mul
        local.get $k3
        f64x2.add
        f64x2.mul
        f64x2.add
        local.set $r
        local.get $k28
        local.get $f
        f64x2.mul
        local.get $f
        f64x2.mul
        local.set $hfsq
        local.get $kd
        local.get $k0
        f64x2.mul
        local.get $hfsq
        local.get $s
        local.get $hfsq
        local.get $r
        f64x2.add
        f64x2.mul
        local.get $kd
        local.get $k1
        f64x2.mul
        f64x2.add
        f64x2.sub
        local.get $f
        f64x2.sub
        f64x2.sub
        local.set $x
        local.get $ok
        local.get $x
        local.get $k26
        f64x2.mul
        f32x4.demote_f64x2_zero
        local.get $x
        local.get $k27
        f64x2.mul
        f32x4.demote_f64x2_zero
        f32x4.eq
        v128.and
        local.set $ok
        local.get $k31
        local.get $x
        f32x4.demote_f64x2_zero
        f64x2.promote_low_f32x4
        f64x2.mul
        f64x2.sqrt
        f32x4.demote_f64x2_zero
        local.set $radius0
        local.get $k25
        local.get $u2
        f64x2.promote_low_f32x4
        f64x2.mul
        f32x4.demote_f64x2_zero
        f64x2.promote_low_f32x4
        local.set $x
        local.get $x
        local.get $k21
        f64x2.mul
        f64x2.nearest
        local.set $kd
        local.get $x
        local.get $kd
        local.get $k22
        f64x2.mul
        f64x2.sub
        local.get $kd
        local.get $k23
        f64x2.mul
        f64x2.sub
        local.get $kd
        local.get $k24
        f64x2.mul
        f64x2.sub
        local.set $r
        local.get $r
        local.get $r
        f64x2.mul
        local.set $z
        local.get $r
        local.get $z
        local.get $r
        f64x2.mul
        local.get $k14
        local.get $z
        f64x2.mul
        local.get $k13
        f64x2.add
        local.get $z
        f64x2.mul
        local.get $k12
        f64x2.add
        local.get $z
        f64x2.mul
        local.get $k11
        f64x2.add
        local.get $z
        f64x2.mul
        local.get $k10
        f64x2.add
        local.get $z
        f64x2.mul
        local.get $k9
        f64x2.add
        f64x2.mul
        f64x2.add
        local.set $sin
        local.get $k29
        local.get $k28
        local.get $z
        f64x2.mul
        local.get $z
        local.get $z
        local.get $k20
        local.get $z
        f64x2.mul
        local.get $k19
        f64x2.add
        local.get $z
        f64x2.mul
        local.get $k18
        f64x2.add
        local.get $z
        f64x2.mul
        local.get $k17
        f64x2.add
        local.get $z
        f64x2.mul
        local.get $k16
        f64x2.add
        local.get $z
        f64x2.mul
        local.get $k15
        f64x2.add
        f64x2.mul
        f64x2.mul
        f64x2.sub
        f64x2.sub
        local.set $cos
        local.get $kd
        i32x4.trunc_sat_f64x2_s_zero
        i64x2.extend_low_i32x4_s
        local.set $q
        local.get $q
        i32.const 63
        i64x2.shl
        i32.const 63
        i64x2.shr_s
        local.set $w
        local.get $cos
        local.get $sin
        local.get $w
        v128.bitselect
        local.get $sin
        local.get $cos
        local.get $w
        v128.bitselect
        local.set $cos
        local.set $sin
        local.get $sin
        local.get $q
        i32.const 62
        i64x2.shl
        local.get $k37
        v128.and
        v128.xor
        local.set $sin
        local.get $cos
        local.get $q
        local.get $k36
        i64x2.add
        i32.const 62
        i64x2.shl
        local.get $k37
        v128.and
        v128.xor
        local.set $cos
        local.get $ok
        local.get $sin
        local.get $k26
        f64x2.mul
        f32x4.demote_f64x2_zero
        local.get $sin
        local.get $k27
        f64x2.mul
        f32x4.demote_f64x2_zero
        f32x4.eq
        v128.and
        local.set $ok
        local.get $ok
        local.get $cos
        local.get $k26
        f64x2.mul
        f32x4.demote_f64x2_zero
        local.get $cos
        local.get $k27
        f64x2.mul
        f32x4.demote_f64x2_zero
        f32x4.eq
        v128.and
        local.set $ok
        local.get $cos
        f32x4.demote_f64x2_zero
        local.set $cosf0
        local.get $sin
        f32x4.demote_f64x2_zero
        local.set $sinf0
        local.get $u1
        local.get $u1
        i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
        f64x2.promote_low_f32x4
        local.set $x
        local.get $x
        local.get $k32
        v128.and
        local.set $f
        local.get $f
        local.get $k33
        i64x2.add
        local.get $k34
        v128.and
        local.set $q
        local.get $x
        i32.const 52
        i64x2.shr_s
        local.get $k35
        i64x2.sub
        local.get $q
        i32.const 52
        i64x2.shr_s
        i64x2.add
        local.set $kd
        local.get $kd
        local.get $kd
        i8x16.shuffle 0 1 2 3 8 9 10 11 0 1 2 3 8 9 10 11
        f64x2.convert_low_i32x4_s
        local.set $kd
        local.get $f
        local.get $k29
        local.get $q
        v128.xor
        v128.or
        local.get $k29
        f64x2.sub
        local.set $f
        local.get $f
        local.get $k30
        local.get $f
        f64x2.add
        f64x2.div
        local.set $s
        local.get $s
        local.get $s
        f64x2.mul
        local.set $z
        local.get $z
        local.get $z
        f64x2.mul
        local.set $w
        local.get $z
        local.get $k8
        local.get $w
        f64x2.mul
        local.get $k6
        f64x2.add
        local.get $w
        f64x2.mul
        local.get $k4
        f64x2.add
        local.get $w
        f64x2.mul
        local.get $k2
        f64x2.add
        f64x2.mul
        local.get $w
        local.get $k7
        local.get $w
        f64x2.mul
        local.get $k5
        f64x2.add
        local.get $w
        f64x2.mul
        local.get $k3
        f64x2.add
        f64x2.mul
        f64x2.add
        local.set $r
        local.get $k28
        local.get $f
        f64x2.mul
        local.get $f
        f64x2.mul
        local.set $hfsq
        local.get $kd
        local.get $k0
        f64x2.mul
        local.get $hfsq
        local.get $s
        local.get $hfsq
        local.get $r
        f64x2.add
        f64x2.mul
        local.get $kd
        local.get $k1
        f64x2.mul
        f64x2.add
        f64x2.sub
        local.get $f
        f64x2.sub
        f64x2.sub
        local.set $x
        local.get $ok
        local.get $x
        local.get $k26
        f64x2.mul
        f32x4.demote_f64x2_zero
        local.get $x
        local.get $k27
        f64x2.mul
        f32x4.demote_f64x2_zero
        f32x4.eq
        v128.and
        local.set $ok
        local.get $k31
        local.get $x
        f32x4.demote_f64x2_zero
        f64x2.promote_low_f32x4
        f64x2.mul
        f64x2.sqrt
        f32x4.demote_f64x2_zero
        local.set $radius1
        local.get $k25
        local.get $u2
        local.get $u2
        i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
        f64x2.promote_low_f32x4
        f64x2.mul
        f32x4.demote_f64x2_zero
        f64x2.promote_low_f32x4
        local.set $x
        local.get $x
        local.get $k21
        f64x2.mul
        f64x2.nearest
        local.set $kd
        local.get $x
        local.get $kd
        local.get $k22
        f64x2.mul
        f64x2.sub
        local.get $kd
        local.get $k23
        f64x2.mul
        f64x2.sub
        local.get $kd
        local.get $k24
        f64x2.mul
        f64x2.sub
        local.set $r
        local.get $r
        local.get $r
        f64x2.mul
        local.set $z
        local.get $r
        local.get $z
        local.get $r
        f64x2.mul
        local.get $k14
        local.get $z
        f64x2.mul
        local.get $k13
        f64x2.add
        local.get $z
        f64x2.mul
        local.get $k12
        f64x2.add
        local.get $z
        f64x2.mul
        local.get $k11
        f64x2.add
        local.get $z
        f64x2.mul
        local.get $k10
        f64x2.add
        local.get $z
        f64x2.mul
        local.get $k9
        f64x2.add
        f64x2.mul
        f64x2.add
        local.set $sin
        local.get $k29
        local.get $k28
        local.get $z
        f64x2.mul
        local.get $z
        local.get $z
        local.get $k20
        local.get $z
        f64x2.mul
        local.get $k19
        f64x2.add
        local.get $z
        f64x2.mul
        local.get $k18
        f64x2.add
        local.get $z
        f64x2.mul
        local.get $k17
        f64x2.add
        local.get $z
        f64x2.mul
        local.get $k16
        f64x2.add
        local.get $z
        f64x2.mul
        local.get $k15
        f64x2.add
        f64x2.mul
        f64x2.mul
        f64x2.sub
        f64x2.sub
        local.set $cos
        local.get $kd
        i32x4.trunc_sat_f64x2_s_zero
        i64x2.extend_low_i32x4_s
        local.set $q
        local.get $q
        i32.const 63
        i64x2.shl
        i32.const 63
        i64x2.shr_s
        local.set $w
        local.get $cos
        local.get $sin
        local.get $w
        v128.bitselect
        local.get $sin
        local.get $cos
        local.get $w
        v128.bitselect
        local.set $cos
        local.set $sin
        local.get $sin
        local.get $q
        i32.const 62
        i64x2.shl
        local.get $k37
        v128.and
        v128.xor
        local.set $sin
        local.get $cos
        local.get $q
        local.get $k36
        i64x2.add
        i32.const 62
        i64x2.shl
        local.get $k37
        v128.and
        v128.xor
        local.set $cos
        local.get $ok
        local.get $sin
        local.get $k26
        f64x2.mul
        f32x4.demote_f64x2_zero
        local.get $sin
        local.get $k27
        f64x2.mul
        f32x4.demote_f64x2_zero
        f32x4.eq
        v128.and
        local.set $ok
        local.get $ok
        local.get $cos
        local.get $k26
        f64x2.mul
        f32x4.demote_f64x2_zero
        local.get $cos
        local.get $k27
        f64x2.mul
        f32x4.demote_f64x2_zero
        f32x4.eq
        v128.and
        local.set $ok
        local.get $cos
        f32x4.demote_f64x2_zero
        local.set $cosf1
        local.get $sin
        f32x4.demote_f64x2_zero
        local.set $sinf1
        local.get $radius0
        local.get $radius1
        i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
        local.set $radius
        local.get $radius
        local.get $cosf0
        local.get $cosf1
        i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
        f32x4.mul
        local.get $stdv
        f32x4.mul
        local.get $meanv
        f32x4.add
        local.set $cos1
        local.get $radius
        local.get $sinf0
        local.get $sinf1
        i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
        f32x4.mul
        local.get $stdv
        f32x4.mul
        local.get $meanv
        f32x4.add
        local.set $sin1
        local.get $ok
        i32x4.all_true
        if
          local.get $p
          local.get $cos0
          v128.store
          local.get $p
          local.get $sin0
          v128.store offset=32
          local.get $p
          local.get $cos1
          v128.store offset=16
          local.get $p
          local.get $sin1
          v128.store offset=48
        else
          local.get $list
          local.get $count
          i32.const 2
          i32.shl
          i32.add
          local.get $b
          i32.store
          local.get $count
          i32.const 1
          i32.add
          local.set $count
        end
        local.get $b
        i32.const 1
        i32.add
        local.set $b
        br 0
      end
    end
    local.get $count)

  (func $mt_twist (export "mt_twist") (param $state i32)
    (local $k i32)
    (local $y i32)
    (local $next i32)
    (local $a v128)
    (local $nx v128)
    (local $upper v128)
    (local $lower v128)
    (local $one v128)
    (local $matrix v128)
    i32.const -2147483648
    i32x4.splat
    local.set $upper
    i32.const 2147483647
    i32x4.splat
    local.set $lower
    i32.const 1
    i32x4.splat
    local.set $one
    i32.const -1727483681
    i32x4.splat
    local.set $matrix
    i32.const 0
    local.set $k
    block
      loop
        local.get $k
        i32.const 4
        i32.add
        i32.const 224
        i32.gt_s
        br_if 1
        local.get $state
        local.get $k
        i32.const 2
        i32.shl
        i32.add
        v128.load
        local.set $a
        local.get $state
        local.get $k
        i32.const 2
        i32.shl
        i32.add
        v128.load offset=4
        local.set $nx
        local.get $state
        local.get $k
        i32.const 2
        i32.shl
        i32.add
        local.get $state
        local.get $k
        i32.const 397
        i32.add
        i32.const 2
        i32.shl
        i32.add
        v128.load
        local.get $a
        local.get $upper
        v128.and
        local.get $nx
        local.get $lower
        v128.and
        v128.or
        i32.const 1
        i32x4.shr_u
        v128.xor
        i32.const 0
        i32x4.splat
        local.get $nx
        local.get $one
        v128.and
        i32x4.sub
        local.get $matrix
        v128.and
        v128.xor
        v128.store
        local.get $k
        i32.const 4
        i32.add
        local.set $k
        br 0
      end
    end
    block
      loop
        local.get $k
        i32.const 227
        i32.ge_s
        br_if 1
        local.get $state
        local.get $k
        i32.const 1
        i32.add
        i32.const 2
        i32.shl
        i32.add
        i32.load
        local.set $next
        local.get $state
        local.get $k
        i32.const 2
        i32.shl
        i32.add
        i32.load
        i32.const -2147483648
        i32.and
        local.get $next
        i32.const 2147483647
        i32.and
        i32.or
        local.set $y
        local.get $state
        local.get $k
        i32.const 2
        i32.shl
        i32.add
        local.get $state
        local.get $k
        i32.const 397
        i32.add
        i32.const 2
        i32.shl
        i32.add
        i32.load
        local.get $y
        i32.const 1
        i32.shr_u
        i32.xor
        i32.const 0
        local.get $next
        i32.const 1
        i32.and
        i32.sub
        i32.const -1727483681
        i32.and
        i32.xor
        i32.store
        local.get $k
        i32.const 1
        i32.add
        local.set $k
        br 0
      end
    end
    block
      loop
        local.get $k
        i32.const 4
        i32.add
        i32.const 623
        i32.gt_s
        br_if 1
        local.get $state
        local.get $k
        i32.const 2
        i32.shl
        i32.add
        v128.load
        local.set $a
        local.get $state
        local.get $k
        i32.const 2
        i32.shl
        i32.add
        v128.load offset=4
        local.set $nx
        local.get $state
        local.get $k
        i32.const 2
        i32.shl
        i32.add
        local.get $state
        local.get $k
        i32.const -227
        i32.add
        i32.const 2
        i32.shl
        i32.add
        v128.load
        local.get $a
        local.get $upper
        v128.and
        local.get $nx
        local.get $lower
        v128.and
        v128.or
        i32.const 1
        i32x4.shr_u
        v128.xor
        i32.const 0
        i32x4.splat
        local.get $nx
        local.get $one
        v128.and
        i32x4.sub
        local.get $matrix
        v128.and
        v128.xor
        v128.store
        local.get $k
        i32.const 4
        i32.add
        local.set $k
        br 0
      end
    end
    local.get $state
    i32.const 0
    i32.const 2
    i32.shl
    i32.add
    i32.load
    local.set $next
    local.get $state
    local.get $k
    i32.const 2
    i32.shl
    i32.add
    i32.load
    i32.const -2147483648
    i32.and
    local.get $next
    i32.const 2147483647
    i32.and
    i32.or
    local.set $y
    local.get $state
    local.get $k
    i32.const 2
    i32.shl
    i32.add
    local.get $state
    local.get $k
    i32.const -227
    i32.add
    i32.const 2
    i32.shl
    i32.add
    i32.load
    local.get $y
    i32.const 1
    i32.shr_u
    i32.xor
    i32.const 0
    local.get $next
    i32.const 1
    i32.and
    i32.sub
    i32.const -1727483681
    i32.and
    i32.xor
    i32.store)

  (func $mt_uniform_f32 (export "mt_uniform_f32") (param $out i32) (param $words i32) (param $n i32)
    (local $i i32)
    (local $y i32)
    (local $v v128)
    (local $b v128)
    (local $cc v128)
    (local $low v128)
    (local $scale v128)
    i32.const -1658038656
    i32x4.splat
    local.set $b
    i32.const -272236544
    i32x4.splat
    local.set $cc
    i32.const 16777215
    i32x4.splat
    local.set $low
    i32.const 864026624
    i32x4.splat
    local.set $scale
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
        local.get $words
        local.get $i
        i32.const 2
        i32.shl
        i32.add
        v128.load
        local.set $v
        local.get $v
        local.get $v
        i32.const 11
        i32x4.shr_u
        v128.xor
        local.set $v
        local.get $v
        local.get $v
        i32.const 7
        i32x4.shl
        local.get $b
        v128.and
        v128.xor
        local.set $v
        local.get $v
        local.get $v
        i32.const 15
        i32x4.shl
        local.get $cc
        v128.and
        v128.xor
        local.set $v
        local.get $v
        local.get $v
        i32.const 18
        i32x4.shr_u
        v128.xor
        local.set $v
        local.get $out
        local.get $i
        i32.const 2
        i32.shl
        i32.add
        local.get $v
        local.get $low
        v128.and
        f32x4.convert_i32x4_s
        local.get $scale
        f32x4.mul
        v128.store
        local.get $i
        i32.const 4
        i32.add
        local.set $i
        br 0
      end
    end
    block
      loop
        local.get $i
        local.get $n
        i32.ge_s
        br_if 1
        local.get $words
        local.get $i
        i32.const 2
        i32.shl
        i32.add
        i32.load
        local.set $y
        local.get $y
        local.get $y
        i32.const 11
        i32.shr_u
        i32.xor
        local.set $y
        local.get $y
        local.get $y
        i32.const 7
        i32.shl
        i32.const -1658038656
        i32.and
        i32.xor
        local.set $y
        local.get $y
        local.get $y
        i32.const 15
        i32.shl
        i32.const -272236544
        i32.and
        i32.xor
        local.set $y
        local.get $y
        local.get $y
        i32.const 18
        i32.shr_u
        i32.xor
        local.set $y
        local.get $out
        local.get $i
        i32.const 2
        i32.shl
        i32.add
        local.get $y
        i32.const 16777215
        i32.and
        f32.convert_i32_s
        local.get $scale
        f32x4.extract_lane 0
        f32.mul
        f32.store
        local.get $i
        i32.const 1
        i32.add
        local.set $i
        br 0
      end
    end)

  (func $mt_temper (export "mt_temper") (param $out i32) (param $words i32) (param $n i32)
    (local $i i32)
    (local $y i32)
    (local $v v128)
    (local $b v128)
    (local $cc v128)
    i32.const -1658038656
    i32x4.splat
    local.set $b
    i32.const -272236544
    i32x4.splat
    local.set $cc
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
        local.get $words
        local.get $i
        i32.const 2
        i32.shl
        i32.add
        v128.load
        local.set $v
        local.get $v
        local.get $v
        i32.const 11
        i32x4.shr_u
        v128.xor
        local.set $v
        local.get $v
        local.get $v
        i32.const 7
        i32x4.shl
        local.get $b
        v128.and
        v128.xor
        local.set $v
        local.get $v
        local.get $v
        i32.const 15
        i32x4.shl
        local.get $cc
        v128.and
        v128.xor
        local.set $v
        local.get $v
        local.get $v
        i32.const 18
        i32x4.shr_u
        v128.xor
        local.set $v
        local.get $out
        local.get $i
        i32.const 2
        i32.shl
        i32.add
        local.get $v
        v128.store
        local.get $i
        i32.const 4
        i32.add
        local.set $i
        br 0
      end
    end
    block
      loop
        local.get $i
        local.get $n
        i32.ge_s
        br_if 1
        local.get $words
        local.get $i
        i32.const 2
        i32.shl
        i32.add
        i32.load
        local.set $y
        local.get $y
        local.get $y
        i32.const 11
        i32.shr_u
        i32.xor
        local.set $y
        local.get $y
        local.get $y
        i32.const 7
        i32.shl
        i32.const -1658038656
        i32.and
        i32.xor
        local.set $y
        local.get $y
        local.get $y
        i32.const 15
        i32.shl
        i32.const -272236544
        i32.and
        i32.xor
        local.set $y
        local.get $y
        local.get $y
        i32.const 18
        i32.shr_u
        i32.xor
        local.set $y
        local.get $out
        local.get $i
        i32.const 2
        i32.shl
        i32.add
        local.get $y
        i32.store
        local.get $i
        i32.const 1
        i32.add
        local.set $i
        br 0
      end
    end)

  (func $words_to_f64 (export "words_to_f64") (param $out i32) (param $words i32) (param $n i32)
    (local $i i32)
    (local $v v128)
    (local $mask v128)
    (local $two32 v128)
    (local $scale v128)
    i32.const 2097151
    i32x4.splat
    local.set $mask
    f64.const 4294967296
    f64x2.splat
    local.set $two32
    f64.const 1.1102230246251565e-16
    f64x2.splat
    local.set $scale
    i32.const 0
    local.set $i
    block
      loop
        local.get $i
        i32.const 2
        i32.add
        local.get $n
        i32.gt_s
        br_if 1
        local.get $out
        local.get $i
        i32.const 3
        i32.shl
        i32.add
        local.get $words
        local.get $i
        i32.const 3
        i32.shl
        i32.add
        v128.load
        local.set $v
        local.get $v
        local.get $v
        i8x16.shuffle 0 1 2 3 8 9 10 11 0 1 2 3 8 9 10 11
        local.get $mask
        v128.and
        f64x2.convert_low_i32x4_s
        local.get $two32
        f64x2.mul
        local.get $v
        local.get $v
        i8x16.shuffle 4 5 6 7 12 13 14 15 4 5 6 7 12 13 14 15
        f64x2.convert_low_i32x4_u
        f64x2.add
        local.get $scale
        f64x2.mul
        v128.store
        local.get $i
        i32.const 2
        i32.add
        local.set $i
        br 0
      end
    end
    local.get $i
    local.get $n
    i32.lt_s
    if
      local.get $out
      local.get $i
      i32.const 3
      i32.shl
      i32.add
      local.get $words
      local.get $i
      i32.const 3
      i32.shl
      i32.add
      v128.load
      local.set $v
      local.get $v
      local.get $v
      i8x16.shuffle 0 1 2 3 8 9 10 11 0 1 2 3 8 9 10 11
      local.get $mask
      v128.and
      f64x2.convert_low_i32x4_s
      local.get $two32
      f64x2.mul
      local.get $v
      local.get $v
      i8x16.shuffle 4 5 6 7 12 13 14 15 4 5 6 7 12 13 14 15
      f64x2.convert_low_i32x4_u
      f64x2.add
      local.get $scale
      f64x2.mul
      f64x2.extract_lane 0
      f64.store
    end)

  (func $log_f32 (export "log_f32") (param $out i32) (param $x i32) (param $n i32) (param $list i32) (result i32)
    (local $i i32)
    (local $count i32)
    (local $v v128)
    (local $tmp v128)
    (local $k v128)
    (local $entry v128)
    (local $z v128)
    (local $r v128)
    (local $d v128)
    (local $d2 v128)
    (local $bad v128)
    (local $r2 v128)
    (local $entry2 v128)
    i32.const 0
    local.set $count
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
        i32.const 0
        v128.load offset=268384
        i32x4.sub
        i32.const 0
        v128.load offset=268400
        i32x4.ge_u
        local.set $bad
        local.get $v
        i32.const 0
        v128.load offset=268416
        i32x4.sub
        local.tee $tmp
        i32.const 23
        i32x4.shr_s
        local.set $k
        local.get $tmp
        i32.const 15
        i32x4.shr_u
        i32.const 0
        v128.load offset=268432
        v128.and
        i32.const 4
        i32x4.shl
        local.set $entry
        local.get $v
        local.get $tmp
        i32.const 0
        v128.load offset=268448
        v128.and
        i32x4.sub
        local.set $z
        local.get $entry
        i32x4.extract_lane 0
        v128.load offset=263168
        local.set $entry2
        local.get $entry
        i32x4.extract_lane 1
        v128.load offset=263168
        local.set $d
        local.get $z
        f64x2.promote_low_f32x4
        local.get $entry2
        local.get $d
        i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
        f64x2.mul
        i32.const 0
        v128.load offset=268304
        f64x2.sub
        local.set $r
        local.get $k
        f64x2.convert_low_i32x4_s
        i32.const 0
        v128.load offset=268288
        f64x2.mul
        local.get $entry2
        local.get $d
        i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
        f64x2.add
        local.get $r
        local.get $r
        f64x2.mul
        local.set $r2
        local.get $r
        i32.const 0
        v128.load offset=268336
        f64x2.mul
        i32.const 0
        v128.load offset=268320
        f64x2.add
        local.get $r
        i32.const 0
        v128.load offset=268368
        f64x2.mul
        i32.const 0
        v128.load offset=268352
        f64x2.add
        local.get $r2
        f64x2.mul
        f64x2.add
        local.get $r2
        f64x2.mul
        local.get $r
        f64x2.add
        f64x2.add
        local.set $d
        local.get $entry
        i32x4.extract_lane 2
        v128.load offset=263168
        local.set $entry2
        local.get $entry
        i32x4.extract_lane 3
        v128.load offset=263168
        local.set $d2
        local.get $z
        local.get $z
        i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
        f64x2.promote_low_f32x4
        local.get $entry2
        local.get $d2
        i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
        f64x2.mul
        i32.const 0
        v128.load offset=268304
        f64x2.sub
        local.set $r
        local.get $k
        local.get $k
        i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
        f64x2.convert_low_i32x4_s
        i32.const 0
        v128.load offset=268288
        f64x2.mul
        local.get $entry2
        local.get $d2
        i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
        f64x2.add
        local.get $r
        local.get $r
        f64x2.mul
        local.set $r2
        local.get $r
        i32.const 0
        v128.load offset=268336
        f64x2.mul
        i32.const 0
        v128.load offset=268320
        f64x2.add
        local.get $r
        i32.const 0
        v128.load offset=268368
        f64x2.mul
        i32.const 0
        v128.load offset=268352
        f64x2.add
        local.get $r2
        f64x2.mul
        f64x2.add
        local.get $r2
        f64x2.mul
        local.get $r
        f64x2.add
        f64x2.add
        local.set $d2
        local.get $d
        local.get $d2
        i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27
        i32.const 0
        v128.load offset=268464
        i32x4.sub
        i32.const 0
        v128.load offset=268480
        v128.and
        i32.const 0
        v128.load offset=268496
        i32x4.gt_s
        local.get $bad
        v128.andnot
        i32x4.bitmask
        i32.const 15
        i32.xor
        if
          local.get $list
          local.get $count
          i32.const 2
          i32.shl
          i32.add
          local.get $i
          i32.store
          local.get $count
          i32.const 1
          i32.add
          local.set $count
        end
        local.get $out
        local.get $i
        i32.const 2
        i32.shl
        i32.add
        local.get $d
        f32x4.demote_f64x2_zero
        local.get $d2
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

  (func $tanh_f32 (export "tanh_f32") (param $out i32) (param $x i32) (param $n i32) (param $list i32) (result i32)
    (local $i i32)
    (local $count i32)
    (local $v v128)
    (local $y v128)
    (local $kk v128)
    (local $k v128)
    (local $e v128)
    (local $good v128)
    (local $t v128)
    (local $s v128)
    (local $d v128)
    (local $d2 v128)
    (local $y2 v128)
    (local $k2 v128)
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
        i32.const 0
        v128.load offset=267776
        v128.and
        local.tee $y
        i32.const 0
        v128.load offset=267824
        f32x4.gt
        local.set $good
        local.get $y
        i32.const 0
        v128.load offset=267808
        f32x4.pmin
        local.tee $y
        local.get $y
        f32x4.add
        local.tee $y
        i32.const 0
        v128.load offset=267840
        f32x4.mul
        i32.const 0
        v128.load offset=267856
        f32x4.add
        local.tee $kk
        i32.const 0
        v128.load offset=267856
        f32x4.sub
        local.set $k
        local.get $out
        local.get $i
        i32.const 2
        i32.shl
        i32.add
        local.get $kk
        i32.const 0
        v128.load offset=267872
        v128.and
        i32.const 3
        i32x4.shl
        v128.store
        local.get $kk
        i32.const 10
        i32x4.shr_u
        i32.const 20
        i32x4.shl
        local.set $e
        local.get $y
        f64x2.promote_low_f32x4
        local.get $k
        f64x2.promote_low_f32x4
        i32.const 0
        v128.load offset=267952
        f64x2.mul
        f64x2.sub
        local.set $t
        local.get $out
        local.get $i
        i32.const 2
        i32.shl
        i32.add
        i32.load offset=4
        local.get $out
        local.get $i
        i32.const 2
        i32.shl
        i32.add
        i32.load
        v128.load64_zero offset=270336
        v128.load64_lane offset=270336 1
        i32.const 0
        v128.load offset=267888
        local.get $e
        i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
        i32x4.add
        local.set $s
        local.get $t
        i32.const 0
        v128.load offset=267968
        f64x2.mul
        i32.const 0
        v128.load offset=267984
        f64x2.add
        local.get $t
        f64x2.mul
        i32.const 0
        v128.load offset=268000
        f64x2.add
        local.get $t
        f64x2.mul
        local.get $s
        f64x2.mul
        local.get $s
        i32.const 0
        v128.load offset=268000
        f64x2.sub
        f64x2.add
        local.tee $t
        local.get $t
        i32.const 0
        v128.load offset=268016
        f64x2.add
        f64x2.div
        local.set $d
        local.get $y
        local.get $y
        i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
        local.set $y2
        local.get $k
        local.get $k
        i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
        local.set $k2
        local.get $y2
        f64x2.promote_low_f32x4
        local.get $k2
        f64x2.promote_low_f32x4
        i32.const 0
        v128.load offset=267952
        f64x2.mul
        f64x2.sub
        local.set $t
        local.get $out
        local.get $i
        i32.const 2
        i32.shl
        i32.add
        i32.load offset=12
        local.get $out
        local.get $i
        i32.const 2
        i32.shl
        i32.add
        i32.load offset=8
        v128.load64_zero offset=270336
        v128.load64_lane offset=270336 1
        i32.const 0
        v128.load offset=267888
        local.get $e
        i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
        i32x4.add
        local.set $s
        local.get $t
        i32.const 0
        v128.load offset=267968
        f64x2.mul
        i32.const 0
        v128.load offset=267984
        f64x2.add
        local.get $t
        f64x2.mul
        i32.const 0
        v128.load offset=268000
        f64x2.add
        local.get $t
        f64x2.mul
        local.get $s
        f64x2.mul
        local.get $s
        i32.const 0
        v128.load offset=268000
        f64x2.sub
        f64x2.add
        local.tee $t
        local.get $t
        i32.const 0
        v128.load offset=268016
        f64x2.add
        f64x2.div
        local.set $d2
        local.get $d
        local.get $d2
        i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27
        i32.const 0
        v128.load offset=267904
        i32x4.sub
        i32.const 0
        v128.load offset=267920
        v128.and
        i32.const 0
        v128.load offset=267936
        i32x4.gt_s
        local.get $good
        v128.and
        i32x4.bitmask
        i32.const 15
        i32.xor
        if
          local.get $list
          local.get $count
          i32.const 2
          i32.shl
          i32.add
          local.get $i
          i32.store
          local.get $count
          i32.const 1
          i32.add
          local.set $count
        end
        local.get $out
        local.get $i
        i32.const 2
        i32.shl
        i32.add
        local.get $d
        f32x4.demote_f64x2_zero
        local.get $d2
        f32x4.demote_f64x2_zero
        i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
        local.get $v
        i32.const 0
        v128.load offset=267792
        v128.and
        v128.or
        v128.store
        local.get $i
        i32.const 4
        i32.add
        local.set $i
        br 0
      end
    end
    local.get $count)

  (func $sqrt_f32 (export "sqrt_f32") (param $out i32) (param $x i32) (param $n i32) (param $list i32) (result i32)
    (local $i i32)
    (local $count i32)
    (local $r v128)
    i32.const 0
    local.set $count
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
        f32x4.sqrt
        local.tee $r
        v128.store
        local.get $r
        local.get $r
        f32x4.ne
        v128.any_true
        if
          local.get $list
          local.get $count
          i32.const 2
          i32.shl
          i32.add
          local.get $i
          i32.store
          local.get $count
          i32.const 1
          i32.add
          local.set $count
        end
        local.get $i
        i32.const 4
        i32.add
        local.set $i
        br 0
      end
    end
    local.get $count)

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
                v128.load64_splat
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
                v128.load64_splat offset=8
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
                v128.load64_splat offset=16
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
                v128.load64_splat offset=24
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
    end)

  (func $div_backward_rows_f32 (export "div_backward_rows_f32") (param $ga i32) (param $gb i32) (param $g i32) (param $q i32) (param $b i32) (param $rows i32) (param $n i32) (param $mode i32) (param $f i32)
    (local $r i32)
    (local $j i32)
    (local $offset i32)
    (local $nvec i32)
    (local $beta v128)
    (local $negBeta v128)
    (local $sign v128)
    (local $zero v128)
    (local $lanes0 v128)
    (local $lanes1 v128)
    (local $gv v128)
    (local $sb f32)
    (local $snb f32)
    (local $gs f32)
    (local $acc f32)
    (local $accv v128)
    f32.const 0
    f32x4.splat
    local.set $zero
    i32.const -2147483648
    i32x4.splat
    local.set $sign
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
        local.get $b
        local.get $r
        i32.const 2
        i32.shl
        i32.add
        f32.load
        f32x4.splat
        local.tee $beta
        local.get $sign
        v128.xor
        local.set $negBeta
        local.get $beta
        f32x4.extract_lane 0
        local.set $sb
        local.get $negBeta
        f32x4.extract_lane 0
        local.set $snb
        local.get $zero
        local.set $lanes0
        local.get $zero
        local.set $lanes1
        local.get $r
        local.get $n
        i32.mul
        i32.const 2
        i32.shl
        local.set $offset
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            local.get $nvec
            i32.const 5
            i32.shl
            i32.ge_s
            br_if 1
            local.get $ga
            local.get $offset
            i32.add
            local.get $j
            i32.add
            local.get $g
            local.get $offset
            i32.add
            local.get $j
            i32.add
            v128.load
            local.tee $gv
            local.get $beta
            f32x4.div
            v128.store
            local.get $lanes0
            local.get $q
            local.get $offset
            i32.add
            local.get $j
            i32.add
            v128.load
            local.get $negBeta
            f32x4.div
            local.get $gv
            f32x4.mul
            f32x4.add
            local.set $lanes0
            local.get $ga
            local.get $offset
            i32.add
            local.get $j
            i32.add
            local.get $g
            local.get $offset
            i32.add
            local.get $j
            i32.add
            v128.load offset=16
            local.tee $gv
            local.get $beta
            f32x4.div
            v128.store offset=16
            local.get $lanes1
            local.get $q
            local.get $offset
            i32.add
            local.get $j
            i32.add
            v128.load offset=16
            local.get $negBeta
            f32x4.div
            local.get $gv
            f32x4.mul
            f32x4.add
            local.set $lanes1
            local.get $j
            i32.const 32
            i32.add
            local.set $j
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
        i32.const 5
        i32.shl
        local.set $j
        block
          loop
            local.get $j
            local.get $n
            i32.const 2
            i32.shl
            i32.ge_s
            br_if 1
            local.get $ga
            local.get $offset
            i32.add
            local.get $j
            i32.add
            local.get $g
            local.get $offset
            i32.add
            local.get $j
            i32.add
            f32.load
            local.tee $gs
            local.get $sb
            f32.div
            f32.store
            local.get $acc
            local.get $q
            local.get $offset
            i32.add
            local.get $j
            i32.add
            f32.load
            local.get $snb
            f32.div
            local.get $gs
            f32.mul
            f32.add
            local.set $acc
            local.get $j
            i32.const 4
            i32.add
            local.set $j
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
        local.get $gb
        local.get $r
        i32.const 2
        i32.shl
        i32.add
        local.get $acc
        f32.store
        local.get $mode
        i32.const 1
        i32.sub
        i32.eqz
        if
          local.get $acc
          f32x4.splat
          local.set $accv
          i32.const 0
          local.set $j
          block
            loop
              local.get $j
              i32.const 16
              i32.add
              local.get $n
              i32.const 2
              i32.shl
              i32.gt_s
              br_if 1
              local.get $ga
              local.get $offset
              i32.add
              local.get $j
              i32.add
              local.get $ga
              local.get $offset
              i32.add
              local.get $j
              i32.add
              v128.load
              local.get $accv
              f32x4.add
              v128.store
              local.get $j
              i32.const 16
              i32.add
              local.set $j
              br 0
            end
          end
          block
            loop
              local.get $j
              local.get $n
              i32.const 2
              i32.shl
              i32.ge_s
              br_if 1
              local.get $ga
              local.get $offset
              i32.add
              local.get $j
              i32.add
              local.get $ga
              local.get $offset
              i32.add
              local.get $j
              i32.add
              f32.load
              local.get $acc
              f32.add
              f32.store
              local.get $j
              i32.const 4
              i32.add
              local.set $j
              br 0
            end
          end
        end
        local.get $mode
        i32.const 2
        i32.sub
        i32.eqz
        if
          local.get $acc
          f32x4.splat
          local.set $accv
          i32.const 0
          local.set $j
          block
            loop
              local.get $j
              i32.const 16
              i32.add
              local.get $n
              i32.const 2
              i32.shl
              i32.gt_s
              br_if 1
              local.get $ga
              local.get $offset
              i32.add
              local.get $j
              i32.add
              local.get $ga
              local.get $offset
              i32.add
              local.get $j
              i32.add
              v128.load
              local.get $accv
              f32x4.add
              local.get $f
              local.get $offset
              i32.add
              local.get $j
              i32.add
              v128.load
              f32x4.mul
              v128.store
              local.get $j
              i32.const 16
              i32.add
              local.set $j
              br 0
            end
          end
          block
            loop
              local.get $j
              local.get $n
              i32.const 2
              i32.shl
              i32.ge_s
              br_if 1
              local.get $ga
              local.get $offset
              i32.add
              local.get $j
              i32.add
              local.get $ga
              local.get $offset
              i32.add
              local.get $j
              i32.add
              f32.load
              local.get $acc
              f32.add
              local.get $f
              local.get $offset
              i32.add
              local.get $j
              i32.add
              f32.load
              f32.mul
              f32.store
              local.get $j
              i32.const 4
              i32.add
              local.set $j
              br 0
            end
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $add_FV (export "add_FV") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    local.get $b
    local.set $bRow
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
        local.get $cols
        i32.const 4
        i32.ge_s
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

  (func $add_VF (export "add_VF") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    local.get $a
    local.set $aRow
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
        local.get $cols
        i32.const 4
        i32.ge_s
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

  (func $sub_FV (export "sub_FV") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    local.get $b
    local.set $bRow
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
        local.get $cols
        i32.const 4
        i32.ge_s
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

  (func $sub_VF (export "sub_VF") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    local.get $a
    local.set $aRow
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
        local.get $cols
        i32.const 4
        i32.ge_s
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

  (func $mul_FV (export "mul_FV") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    local.get $b
    local.set $bRow
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
        local.get $cols
        i32.const 4
        i32.ge_s
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

  (func $mul_VF (export "mul_VF") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    local.get $a
    local.set $aRow
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
        local.get $cols
        i32.const 4
        i32.ge_s
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

  (func $div_FV (export "div_FV") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    local.get $b
    local.set $bRow
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
        local.get $cols
        i32.const 4
        i32.ge_s
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

  (func $div_VF (export "div_VF") (param $out i32) (param $a i32) (param $b i32) (param $rows i32) (param $cols i32)
    (local $r i32)
    (local $j i32)
    (local $outRow i32)
    (local $aRow i32)
    (local $bRow i32)
    local.get $a
    local.set $aRow
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
        local.get $cols
        i32.const 4
        i32.ge_s
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

  (func $gemm_one_hot_rows (export "gemm_one_hot_rows") (param $out i32) (param $a i32) (param $b32 i32) (param $rows i32) (param $k i32) (param $m i32) (param $m4 i32)
    (local $r i32)
    (local $p i32)
    (local $j i32)
    (local $mask i32)
    (local $valid i32)
    (local $aRow i32)
    (local $row i32)
    (local $bRow i32)
    (local $av v128)
    (local $zero v128)
    (local $sa f32)
    f32.const 0
    f32x4.splat
    local.set $zero
    i32.const -1
    i32.const 32
    local.get $k
    i32.sub
    i32.shr_u
    local.set $valid
    local.get $a
    local.set $aRow
    local.get $out
    local.set $row
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $aRow
        v128.load
        f32.const 0
        f32x4.splat
        f32x4.ne
        i32x4.bitmask
        local.set $mask
        local.get $k
        i32.const 4
        i32.gt_s
        if
          local.get $mask
          local.get $aRow
          v128.load offset=16
          f32.const 0
          f32x4.splat
          f32x4.ne
          i32x4.bitmask
          i32.const 4
          i32.shl
          i32.or
          local.set $mask
        end
        local.get $k
        i32.const 8
        i32.gt_s
        if
          local.get $mask
          local.get $aRow
          v128.load offset=32
          f32.const 0
          f32x4.splat
          f32x4.ne
          i32x4.bitmask
          i32.const 8
          i32.shl
          i32.or
          local.set $mask
        end
        local.get $k
        i32.const 12
        i32.gt_s
        if
          local.get $mask
          local.get $aRow
          v128.load offset=48
          f32.const 0
          f32x4.splat
          f32x4.ne
          i32x4.bitmask
          i32.const 12
          i32.shl
          i32.or
          local.set $mask
        end
        local.get $k
        i32.const 16
        i32.gt_s
        if
          local.get $mask
          local.get $aRow
          v128.load offset=64
          f32.const 0
          f32x4.splat
          f32x4.ne
          i32x4.bitmask
          i32.const 16
          i32.shl
          i32.or
          local.set $mask
        end
        local.get $k
        i32.const 20
        i32.gt_s
        if
          local.get $mask
          local.get $aRow
          v128.load offset=80
          f32.const 0
          f32x4.splat
          f32x4.ne
          i32x4.bitmask
          i32.const 20
          i32.shl
          i32.or
          local.set $mask
        end
        local.get $k
        i32.const 24
        i32.gt_s
        if
          local.get $mask
          local.get $aRow
          v128.load offset=96
          f32.const 0
          f32x4.splat
          f32x4.ne
          i32x4.bitmask
          i32.const 24
          i32.shl
          i32.or
          local.set $mask
        end
        local.get $k
        i32.const 28
        i32.gt_s
        if
          local.get $mask
          local.get $aRow
          v128.load offset=112
          f32.const 0
          f32x4.splat
          f32x4.ne
          i32x4.bitmask
          i32.const 28
          i32.shl
          i32.or
          local.set $mask
        end
        local.get $mask
        local.get $valid
        i32.and
        local.set $mask
        local.get $mask
        local.get $mask
        i32.const 1
        i32.sub
        i32.and
        i32.eqz
        if
          local.get $mask
          i32.ctz
          i32.const 0
          local.get $mask
          select
          local.set $p
          local.get $aRow
          local.get $p
          i32.const 2
          i32.shl
          i32.add
          f32.load
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
          local.get $m
          i32.const 32
          i32.gt_s
          if
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
          else
            i32.const 0
            local.set $j
            local.get $m
            i32.const 4
            i32.ge_s
            if
              i32.const 0
              local.set $j
              local.get $row
              local.get $j
              i32.const 2
              i32.shl
              i32.add
              local.get $zero
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
              i32.const 4
              local.set $j
            end
            local.get $m
            i32.const 8
            i32.ge_s
            if
              i32.const 4
              local.set $j
              local.get $row
              local.get $j
              i32.const 2
              i32.shl
              i32.add
              local.get $zero
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
              i32.const 8
              local.set $j
            end
            local.get $m
            i32.const 12
            i32.ge_s
            if
              i32.const 8
              local.set $j
              local.get $row
              local.get $j
              i32.const 2
              i32.shl
              i32.add
              local.get $zero
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
              i32.const 12
              local.set $j
            end
            local.get $m
            i32.const 16
            i32.ge_s
            if
              i32.const 12
              local.set $j
              local.get $row
              local.get $j
              i32.const 2
              i32.shl
              i32.add
              local.get $zero
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
              i32.const 16
              local.set $j
            end
            local.get $m
            i32.const 20
            i32.ge_s
            if
              i32.const 16
              local.set $j
              local.get $row
              local.get $j
              i32.const 2
              i32.shl
              i32.add
              local.get $zero
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
              i32.const 20
              local.set $j
            end
            local.get $m
            i32.const 24
            i32.ge_s
            if
              i32.const 20
              local.set $j
              local.get $row
              local.get $j
              i32.const 2
              i32.shl
              i32.add
              local.get $zero
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
              i32.const 24
              local.set $j
            end
            local.get $m
            i32.const 28
            i32.ge_s
            if
              i32.const 24
              local.set $j
              local.get $row
              local.get $j
              i32.const 2
              i32.shl
              i32.add
              local.get $zero
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
              i32.const 28
              local.set $j
            end
            local.get $m
            i32.const 32
            i32.ge_s
            if
              i32.const 28
              local.set $j
              local.get $row
              local.get $j
              i32.const 2
              i32.shl
              i32.add
              local.get $zero
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
              i32.const 32
              local.set $j
            end
          end
          local.get $j
          local.get $m
          i32.lt_s
          if
            local.get $m
            i32.const 4
            i32.sub
            local.set $j
            local.get $row
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $zero
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
          end
        else
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
          block
            loop
              local.get $mask
              i32.eqz
              br_if 1
              local.get $mask
              i32.ctz
              local.set $p
              local.get $mask
              local.get $mask
              i32.const 1
              i32.sub
              i32.and
              local.set $mask
              local.get $aRow
              local.get $p
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
              br 0
            end
          end
        end
        local.get $aRow
        local.get $k
        i32.const 2
        i32.shl
        i32.add
        local.set $aRow
        local.get $row
        local.get $m
        i32.const 2
        i32.shl
        i32.add
        local.set $row
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $gemm_kij_one_hot (export "gemm_kij_one_hot") (param $acc i32) (param $a i32) (param $b i32) (param $kc i32) (param $n i32) (param $m i32) (param $mp i32) (param $lda i32) (result i32)
    (local $p i32)
    (local $i i32)
    (local $j i32)
    (local $mask i32)
    (local $valid i32)
    (local $col i32)
    (local $bRow i32)
    (local $row i32)
    (local $av v128)
    (local $bv v128)
    (local $check v128)
    f32.const 0
    f32x4.splat
    local.set $check
    i32.const -1
    i32.const 32
    local.get $n
    i32.sub
    i32.shr_u
    local.set $valid
    local.get $a
    local.set $col
    local.get $b
    local.set $bRow
    i32.const 0
    local.set $p
    block
      loop
        local.get $p
        local.get $kc
        i32.ge_s
        br_if 1
        local.get $col
        v128.load
        f32.const 0
        f32x4.splat
        f32x4.ne
        i32x4.bitmask
        local.set $mask
        local.get $n
        i32.const 4
        i32.gt_s
        if
          local.get $mask
          local.get $col
          v128.load offset=16
          f32.const 0
          f32x4.splat
          f32x4.ne
          i32x4.bitmask
          i32.const 4
          i32.shl
          i32.or
          local.set $mask
        end
        local.get $n
        i32.const 8
        i32.gt_s
        if
          local.get $mask
          local.get $col
          v128.load offset=32
          f32.const 0
          f32x4.splat
          f32x4.ne
          i32x4.bitmask
          i32.const 8
          i32.shl
          i32.or
          local.set $mask
        end
        local.get $n
        i32.const 12
        i32.gt_s
        if
          local.get $mask
          local.get $col
          v128.load offset=48
          f32.const 0
          f32x4.splat
          f32x4.ne
          i32x4.bitmask
          i32.const 12
          i32.shl
          i32.or
          local.set $mask
        end
        local.get $n
        i32.const 16
        i32.gt_s
        if
          local.get $mask
          local.get $col
          v128.load offset=64
          f32.const 0
          f32x4.splat
          f32x4.ne
          i32x4.bitmask
          i32.const 16
          i32.shl
          i32.or
          local.set $mask
        end
        local.get $n
        i32.const 20
        i32.gt_s
        if
          local.get $mask
          local.get $col
          v128.load offset=80
          f32.const 0
          f32x4.splat
          f32x4.ne
          i32x4.bitmask
          i32.const 20
          i32.shl
          i32.or
          local.set $mask
        end
        local.get $n
        i32.const 24
        i32.gt_s
        if
          local.get $mask
          local.get $col
          v128.load offset=96
          f32.const 0
          f32x4.splat
          f32x4.ne
          i32x4.bitmask
          i32.const 24
          i32.shl
          i32.or
          local.set $mask
        end
        local.get $n
        i32.const 28
        i32.gt_s
        if
          local.get $mask
          local.get $col
          v128.load offset=112
          f32.const 0
          f32x4.splat
          f32x4.ne
          i32x4.bitmask
          i32.const 28
          i32.shl
          i32.or
          local.set $mask
        end
        local.get $mask
        local.get $valid
        i32.and
        local.set $mask
        local.get $mask
        i32.eqz
        if
          local.get $m
          i32.const 32
          i32.gt_s
          if
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
                local.get $check
                local.get $bRow
                local.get $j
                i32.const 2
                i32.shl
                i32.add
                v128.load
                local.tee $bv
                local.get $bv
                f32x4.sub
                f32x4.add
                local.set $check
                local.get $j
                i32.const 4
                i32.add
                local.set $j
                br 0
              end
            end
          else
            i32.const 0
            local.set $j
            local.get $m
            i32.const 4
            i32.ge_s
            if
              i32.const 0
              local.set $j
              local.get $check
              local.get $bRow
              local.get $j
              i32.const 2
              i32.shl
              i32.add
              v128.load
              local.tee $bv
              local.get $bv
              f32x4.sub
              f32x4.add
              local.set $check
              i32.const 4
              local.set $j
            end
            local.get $m
            i32.const 8
            i32.ge_s
            if
              i32.const 4
              local.set $j
              local.get $check
              local.get $bRow
              local.get $j
              i32.const 2
              i32.shl
              i32.add
              v128.load
              local.tee $bv
              local.get $bv
              f32x4.sub
              f32x4.add
              local.set $check
              i32.const 8
              local.set $j
            end
            local.get $m
            i32.const 12
            i32.ge_s
            if
              i32.const 8
              local.set $j
              local.get $check
              local.get $bRow
              local.get $j
              i32.const 2
              i32.shl
              i32.add
              v128.load
              local.tee $bv
              local.get $bv
              f32x4.sub
              f32x4.add
              local.set $check
              i32.const 12
              local.set $j
            end
            local.get $m
            i32.const 16
            i32.ge_s
            if
              i32.const 12
              local.set $j
              local.get $check
              local.get $bRow
              local.get $j
              i32.const 2
              i32.shl
              i32.add
              v128.load
              local.tee $bv
              local.get $bv
              f32x4.sub
              f32x4.add
              local.set $check
              i32.const 16
              local.set $j
            end
            local.get $m
            i32.const 20
            i32.ge_s
            if
              i32.const 16
              local.set $j
              local.get $check
              local.get $bRow
              local.get $j
              i32.const 2
              i32.shl
              i32.add
              v128.load
              local.tee $bv
              local.get $bv
              f32x4.sub
              f32x4.add
              local.set $check
              i32.const 20
              local.set $j
            end
            local.get $m
            i32.const 24
            i32.ge_s
            if
              i32.const 20
              local.set $j
              local.get $check
              local.get $bRow
              local.get $j
              i32.const 2
              i32.shl
              i32.add
              v128.load
              local.tee $bv
              local.get $bv
              f32x4.sub
              f32x4.add
              local.set $check
              i32.const 24
              local.set $j
            end
            local.get $m
            i32.const 28
            i32.ge_s
            if
              i32.const 24
              local.set $j
              local.get $check
              local.get $bRow
              local.get $j
              i32.const 2
              i32.shl
              i32.add
              v128.load
              local.tee $bv
              local.get $bv
              f32x4.sub
              f32x4.add
              local.set $check
              i32.const 28
              local.set $j
            end
            local.get $m
            i32.const 32
            i32.ge_s
            if
              i32.const 28
              local.set $j
              local.get $check
              local.get $bRow
              local.get $j
              i32.const 2
              i32.shl
              i32.add
              v128.load
              local.tee $bv
              local.get $bv
              f32x4.sub
              f32x4.add
              local.set $check
              i32.const 32
              local.set $j
            end
          end
        end
        block
          loop
            local.get $mask
            i32.eqz
            br_if 1
            local.get $mask
            i32.ctz
            local.set $i
            local.get $mask
            local.get $mask
            i32.const 1
            i32.sub
            i32.and
            local.set $mask
            local.get $col
            local.get $i
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
            local.get $m
            i32.const 32
            i32.gt_s
            if
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
                  local.get $check
                  local.get $bRow
                  local.get $j
                  i32.const 2
                  i32.shl
                  i32.add
                  v128.load
                  local.tee $bv
                  local.get $bv
                  f32x4.sub
                  f32x4.add
                  local.set $check
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
            else
              i32.const 0
              local.set $j
              local.get $m
              i32.const 4
              i32.ge_s
              if
                i32.const 0
                local.set $j
                local.get $check
                local.get $bRow
                local.get $j
                i32.const 2
                i32.shl
                i32.add
                v128.load
                local.tee $bv
                local.get $bv
                f32x4.sub
                f32x4.add
                local.set $check
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
                i32.const 4
                local.set $j
              end
              local.get $m
              i32.const 8
              i32.ge_s
              if
                i32.const 4
                local.set $j
                local.get $check
                local.get $bRow
                local.get $j
                i32.const 2
                i32.shl
                i32.add
                v128.load
                local.tee $bv
                local.get $bv
                f32x4.sub
                f32x4.add
                local.set $check
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
                i32.const 8
                local.set $j
              end
              local.get $m
              i32.const 12
              i32.ge_s
              if
                i32.const 8
                local.set $j
                local.get $check
                local.get $bRow
                local.get $j
                i32.const 2
                i32.shl
                i32.add
                v128.load
                local.tee $bv
                local.get $bv
                f32x4.sub
                f32x4.add
                local.set $check
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
                i32.const 12
                local.set $j
              end
              local.get $m
              i32.const 16
              i32.ge_s
              if
                i32.const 12
                local.set $j
                local.get $check
                local.get $bRow
                local.get $j
                i32.const 2
                i32.shl
                i32.add
                v128.load
                local.tee $bv
                local.get $bv
                f32x4.sub
                f32x4.add
                local.set $check
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
                i32.const 16
                local.set $j
              end
              local.get $m
              i32.const 20
              i32.ge_s
              if
                i32.const 16
                local.set $j
                local.get $check
                local.get $bRow
                local.get $j
                i32.const 2
                i32.shl
                i32.add
                v128.load
                local.tee $bv
                local.get $bv
                f32x4.sub
                f32x4.add
                local.set $check
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
                i32.const 20
                local.set $j
              end
              local.get $m
              i32.const 24
              i32.ge_s
              if
                i32.const 20
                local.set $j
                local.get $check
                local.get $bRow
                local.get $j
                i32.const 2
                i32.shl
                i32.add
                v128.load
                local.tee $bv
                local.get $bv
                f32x4.sub
                f32x4.add
                local.set $check
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
                i32.const 24
                local.set $j
              end
              local.get $m
              i32.const 28
              i32.ge_s
              if
                i32.const 24
                local.set $j
                local.get $check
                local.get $bRow
                local.get $j
                i32.const 2
                i32.shl
                i32.add
                v128.load
                local.tee $bv
                local.get $bv
                f32x4.sub
                f32x4.add
                local.set $check
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
                i32.const 28
                local.set $j
              end
              local.get $m
              i32.const 32
              i32.ge_s
              if
                i32.const 28
                local.set $j
                local.get $check
                local.get $bRow
                local.get $j
                i32.const 2
                i32.shl
                i32.add
                v128.load
                local.tee $bv
                local.get $bv
                f32x4.sub
                f32x4.add
                local.set $check
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
                i32.const 32
                local.set $j
              end
            end
            local.get $j
            local.get $m
            i32.lt_s
            if
              local.get $bRow
              local.get $j
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
            end
            br 0
          end
        end
        local.get $m
        i32.const 4
        i32.sub
        local.set $j
        local.get $check
        local.get $bRow
        local.get $j
        i32.const 2
        i32.shl
        i32.add
        v128.load
        local.tee $bv
        local.get $bv
        f32x4.sub
        f32x4.add
        local.set $check
        local.get $col
        local.get $lda
        i32.const 2
        i32.shl
        i32.add
        local.set $col
        local.get $bRow
        local.get $m
        i32.const 2
        i32.shl
        i32.add
        local.set $bRow
        local.get $p
        i32.const 1
        i32.add
        local.set $p
        br 0
      end
    end
    local.get $check
    f32.const 0
    f32x4.splat
    f32x4.eq
    i32x4.all_true)

  (func $one_hot_i32 (export "one_hot_i32") (param $out i32) (param $idx i32) (param $count i32) (param $c i32) (result i32)
    (local $r i32)
    (local $j i32)
    (local $row i32)
    (local $at i32)
    (local $zero v128)
    i32.const 0
    i32x4.splat
    local.set $zero
    local.get $out
    local.set $row
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $count
        i32.ge_s
        br_if 1
        local.get $idx
        local.get $r
        i32.const 2
        i32.shl
        i32.add
        i32.load
        local.tee $at
        i32.const 0
        i32.lt_s
        local.get $at
        local.get $c
        i32.ge_s
        i32.or
        if
          i32.const 0
          return
        end
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            i32.const 4
            i32.add
            local.get $c
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
        local.get $row
        local.get $c
        i32.const 4
        i32.sub
        i32.const 2
        i32.shl
        i32.add
        local.get $zero
        v128.store
        local.get $row
        local.get $at
        i32.const 2
        i32.shl
        i32.add
        i32.const 1
        i32.store
        local.get $row
        local.get $c
        i32.const 2
        i32.shl
        i32.add
        local.set $row
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end
    i32.const 1)

  (func $pack_rows4_f64 (export "pack_rows4_f64") (param $dst i32) (param $src i32) (param $lds i32) (param $nb i32) (param $k i32)
    (local $b i32)
    (local $p i32)
    (local $d i32)
    (local $rowBytes i32)
    (local $s0 i32)
    (local $s1 i32)
    (local $s2 i32)
    (local $s3 i32)
    (local $v0 v128)
    (local $v1 v128)
    (local $v2 v128)
    (local $v3 v128)
    local.get $lds
    i32.const 2
    i32.shl
    local.set $rowBytes
    local.get $dst
    local.set $d
    i32.const 0
    local.set $b
    block
      loop
        local.get $b
        local.get $nb
        i32.ge_s
        br_if 1
        local.get $b
        local.get $rowBytes
        i32.mul
        i32.const 2
        i32.shl
        local.get $src
        i32.add
        local.set $s0
        local.get $s0
        local.get $rowBytes
        i32.add
        local.set $s1
        local.get $s1
        local.get $rowBytes
        i32.add
        local.set $s2
        local.get $s2
        local.get $rowBytes
        i32.add
        local.set $s3
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
            local.get $s0
            v128.load
            local.set $v0
            local.get $s1
            v128.load
            local.set $v1
            local.get $s2
            v128.load
            local.set $v2
            local.get $s3
            v128.load
            local.set $v3
            local.get $d
            local.get $v0
            local.get $v1
            i8x16.shuffle 0 1 2 3 16 17 18 19 0 1 2 3 4 5 6 7
            f64x2.promote_low_f32x4
            v128.store
            local.get $d
            local.get $v2
            local.get $v3
            i8x16.shuffle 0 1 2 3 16 17 18 19 0 1 2 3 4 5 6 7
            f64x2.promote_low_f32x4
            v128.store offset=16
            local.get $d
            local.get $v0
            local.get $v1
            i8x16.shuffle 4 5 6 7 20 21 22 23 0 1 2 3 4 5 6 7
            f64x2.promote_low_f32x4
            v128.store offset=32
            local.get $d
            local.get $v2
            local.get $v3
            i8x16.shuffle 4 5 6 7 20 21 22 23 0 1 2 3 4 5 6 7
            f64x2.promote_low_f32x4
            v128.store offset=48
            local.get $d
            local.get $v0
            local.get $v1
            i8x16.shuffle 8 9 10 11 24 25 26 27 0 1 2 3 4 5 6 7
            f64x2.promote_low_f32x4
            v128.store offset=64
            local.get $d
            local.get $v2
            local.get $v3
            i8x16.shuffle 8 9 10 11 24 25 26 27 0 1 2 3 4 5 6 7
            f64x2.promote_low_f32x4
            v128.store offset=80
            local.get $d
            local.get $v0
            local.get $v1
            i8x16.shuffle 12 13 14 15 28 29 30 31 0 1 2 3 4 5 6 7
            f64x2.promote_low_f32x4
            v128.store offset=96
            local.get $d
            local.get $v2
            local.get $v3
            i8x16.shuffle 12 13 14 15 28 29 30 31 0 1 2 3 4 5 6 7
            f64x2.promote_low_f32x4
            v128.store offset=112
            local.get $d
            i32.const 128
            i32.add
            local.set $d
            local.get $s0
            i32.const 16
            i32.add
            local.set $s0
            local.get $s1
            i32.const 16
            i32.add
            local.set $s1
            local.get $s2
            i32.const 16
            i32.add
            local.set $s2
            local.get $s3
            i32.const 16
            i32.add
            local.set $s3
            local.get $p
            i32.const 4
            i32.add
            local.set $p
            br 0
          end
        end
        block
          loop
            local.get $p
            local.get $k
            i32.ge_s
            br_if 1
            local.get $d
            local.get $s0
            f32.load
            f64.promote_f32
            f64.store
            local.get $s0
            i32.const 4
            i32.add
            local.set $s0
            local.get $d
            local.get $s1
            f32.load
            f64.promote_f32
            f64.store offset=8
            local.get $s1
            i32.const 4
            i32.add
            local.set $s1
            local.get $d
            local.get $s2
            f32.load
            f64.promote_f32
            f64.store offset=16
            local.get $s2
            i32.const 4
            i32.add
            local.set $s2
            local.get $d
            local.get $s3
            f32.load
            f64.promote_f32
            f64.store offset=24
            local.get $s3
            i32.const 4
            i32.add
            local.set $s3
            local.get $d
            i32.const 32
            i32.add
            local.set $d
            local.get $p
            i32.const 1
            i32.add
            local.set $p
            br 0
          end
        end
        local.get $b
        i32.const 1
        i32.add
        local.set $b
        br 0
      end
    end)

  (func $pack_cols4_f64 (export "pack_cols4_f64") (param $dst i32) (param $src i32) (param $ld i32) (param $mb i32) (param $k i32)
    (local $jb i32)
    (local $p i32)
    (local $d i32)
    (local $s i32)
    (local $rowBytes i32)
    (local $v v128)
    local.get $ld
    i32.const 2
    i32.shl
    local.set $rowBytes
    local.get $dst
    local.set $d
    i32.const 0
    local.set $jb
    block
      loop
        local.get $jb
        local.get $mb
        i32.ge_s
        br_if 1
        local.get $src
        local.get $jb
        i32.const 4
        i32.shl
        i32.add
        local.set $s
        i32.const 0
        local.set $p
        block
          loop
            local.get $p
            local.get $k
            i32.ge_s
            br_if 1
            local.get $s
            v128.load
            local.set $v
            local.get $d
            local.get $v
            f64x2.promote_low_f32x4
            v128.store
            local.get $d
            local.get $v
            local.get $v
            i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15
            f64x2.promote_low_f32x4
            v128.store offset=16
            local.get $d
            i32.const 32
            i32.add
            local.set $d
            local.get $s
            local.get $rowBytes
            i32.add
            local.set $s
            local.get $p
            i32.const 1
            i32.add
            local.set $p
            br 0
          end
        end
        local.get $jb
        i32.const 1
        i32.add
        local.set $jb
        br 0
      end
    end)

  (func $pack_cols8_f32 (export "pack_cols8_f32") (param $dst i32) (param $src i32) (param $ld i32) (param $nbj i32) (param $m i32) (param $k i32)
    (local $jb i32)
    (local $c0 i32)
    (local $p i32)
    (local $d i32)
    (local $s i32)
    (local $rowBytes i32)
    local.get $ld
    i32.const 2
    i32.shl
    local.set $rowBytes
    local.get $dst
    local.set $d
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
        local.get $src
        local.get $c0
        i32.const 2
        i32.shl
        i32.add
        local.set $s
        i32.const 0
        local.set $p
        block
          loop
            local.get $p
            local.get $k
            i32.ge_s
            br_if 1
            local.get $d
            local.get $s
            v128.load
            v128.store
            local.get $d
            local.get $s
            v128.load offset=16
            v128.store offset=16
            local.get $d
            i32.const 32
            i32.add
            local.set $d
            local.get $s
            local.get $rowBytes
            i32.add
            local.set $s
            local.get $p
            i32.const 1
            i32.add
            local.set $p
            br 0
          end
        end
        local.get $jb
        i32.const 1
        i32.add
        local.set $jb
        br 0
      end
    end)

  (func $pack_rows8_f32 (export "pack_rows8_f32") (param $dst i32) (param $src i32) (param $ld i32) (param $nbj i32) (param $m i32) (param $k i32)
    (local $jb i32)
    (local $c0 i32)
    (local $p i32)
    (local $d i32)
    (local $rowBytes i32)
    (local $s0 i32)
    (local $s1 i32)
    (local $s2 i32)
    (local $s3 i32)
    (local $s4 i32)
    (local $s5 i32)
    (local $s6 i32)
    (local $s7 i32)
    (local $v0 v128)
    (local $v1 v128)
    (local $v2 v128)
    (local $v3 v128)
    (local $t0 v128)
    (local $t1 v128)
    (local $t2 v128)
    (local $t3 v128)
    local.get $ld
    i32.const 2
    i32.shl
    local.set $rowBytes
    local.get $dst
    local.set $d
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
        local.get $c0
        local.get $rowBytes
        i32.mul
        local.get $src
        i32.add
        local.set $s0
        local.get $s0
        local.get $rowBytes
        i32.add
        local.set $s1
        local.get $s1
        local.get $rowBytes
        i32.add
        local.set $s2
        local.get $s2
        local.get $rowBytes
        i32.add
        local.set $s3
        local.get $s3
        local.get $rowBytes
        i32.add
        local.set $s4
        local.get $s4
        local.get $rowBytes
        i32.add
        local.set $s5
        local.get $s5
        local.get $rowBytes
        i32.add
        local.set $s6
        local.get $s6
        local.get $rowBytes
        i32.add
        local.set $s7
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
            local.get $s0
            v128.load
            local.set $v0
            local.get $s1
            v128.load
            local.set $v1
            local.get $s2
            v128.load
            local.set $v2
            local.get $s3
            v128.load
            local.set $v3
            local.get $v0
            local.get $v1
            i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
            local.set $t0
            local.get $v0
            local.get $v1
            i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
            local.set $t1
            local.get $v2
            local.get $v3
            i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
            local.set $t2
            local.get $v2
            local.get $v3
            i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
            local.set $t3
            local.get $d
            local.get $t0
            local.get $t2
            i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
            v128.store
            local.get $d
            local.get $t0
            local.get $t2
            i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
            v128.store offset=32
            local.get $d
            local.get $t1
            local.get $t3
            i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
            v128.store offset=64
            local.get $d
            local.get $t1
            local.get $t3
            i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
            v128.store offset=96
            local.get $s4
            v128.load
            local.set $v0
            local.get $s5
            v128.load
            local.set $v1
            local.get $s6
            v128.load
            local.set $v2
            local.get $s7
            v128.load
            local.set $v3
            local.get $v0
            local.get $v1
            i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
            local.set $t0
            local.get $v0
            local.get $v1
            i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
            local.set $t1
            local.get $v2
            local.get $v3
            i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
            local.set $t2
            local.get $v2
            local.get $v3
            i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
            local.set $t3
            local.get $d
            local.get $t0
            local.get $t2
            i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
            v128.store offset=16
            local.get $d
            local.get $t0
            local.get $t2
            i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
            v128.store offset=48
            local.get $d
            local.get $t1
            local.get $t3
            i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
            v128.store offset=80
            local.get $d
            local.get $t1
            local.get $t3
            i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
            v128.store offset=112
            local.get $d
            i32.const 128
            i32.add
            local.set $d
            local.get $s0
            i32.const 16
            i32.add
            local.set $s0
            local.get $s1
            i32.const 16
            i32.add
            local.set $s1
            local.get $s2
            i32.const 16
            i32.add
            local.set $s2
            local.get $s3
            i32.const 16
            i32.add
            local.set $s3
            local.get $s4
            i32.const 16
            i32.add
            local.set $s4
            local.get $s5
            i32.const 16
            i32.add
            local.set $s5
            local.get $s6
            i32.const 16
            i32.add
            local.set $s6
            local.get $s7
            i32.const 16
            i32.add
            local.set $s7
            local.get $p
            i32.const 4
            i32.add
            local.set $p
            br 0
          end
        end
        block
          loop
            local.get $p
            local.get $k
            i32.ge_s
            br_if 1
            local.get $d
            local.get $s0
            f32.load
            f32.store
            local.get $s0
            i32.const 4
            i32.add
            local.set $s0
            local.get $d
            local.get $s1
            f32.load
            f32.store offset=4
            local.get $s1
            i32.const 4
            i32.add
            local.set $s1
            local.get $d
            local.get $s2
            f32.load
            f32.store offset=8
            local.get $s2
            i32.const 4
            i32.add
            local.set $s2
            local.get $d
            local.get $s3
            f32.load
            f32.store offset=12
            local.get $s3
            i32.const 4
            i32.add
            local.set $s3
            local.get $d
            local.get $s4
            f32.load
            f32.store offset=16
            local.get $s4
            i32.const 4
            i32.add
            local.set $s4
            local.get $d
            local.get $s5
            f32.load
            f32.store offset=20
            local.get $s5
            i32.const 4
            i32.add
            local.set $s5
            local.get $d
            local.get $s6
            f32.load
            f32.store offset=24
            local.get $s6
            i32.const 4
            i32.add
            local.set $s6
            local.get $d
            local.get $s7
            f32.load
            f32.store offset=28
            local.get $s7
            i32.const 4
            i32.add
            local.set $s7
            local.get $d
            i32.const 32
            i32.add
            local.set $d
            local.get $p
            i32.const 1
            i32.add
            local.set $p
            br 0
          end
        end
        local.get $jb
        i32.const 1
        i32.add
        local.set $jb
        br 0
      end
    end)

  (func $tanh_backward_f32 (export "tanh_backward_f32") (param $out i32) (param $y i32) (param $g i32) (param $n i32) (param $gstep i32)
    (local $i i32)
    (local $one v128)
    (local $v v128)
    (local $gv v128)
    i32.const 1065353216
    i32x4.splat
    local.set $one
    local.get $gstep
    i32.eqz
    if
      local.get $g
      v128.load32_splat
      local.set $gv
      i32.const 0
      local.set $i
      block
        loop
          local.get $i
          local.get $n
          i32.ge_s
          br_if 1
          local.get $y
          local.get $i
          i32.const 2
          i32.shl
          i32.add
          v128.load
          local.set $v
          local.get $out
          local.get $i
          i32.const 2
          i32.shl
          i32.add
          local.get $gv
          local.get $one
          local.get $v
          local.get $v
          f32x4.mul
          f32x4.sub
          f32x4.mul
          v128.store
          local.get $i
          i32.const 4
          i32.add
          local.set $i
          br 0
        end
      end
    else
      i32.const 0
      local.set $i
      block
        loop
          local.get $i
          local.get $n
          i32.ge_s
          br_if 1
          local.get $y
          local.get $i
          i32.const 2
          i32.shl
          i32.add
          v128.load
          local.set $v
          local.get $out
          local.get $i
          i32.const 2
          i32.shl
          i32.add
          local.get $g
          local.get $i
          i32.const 2
          i32.shl
          i32.add
          v128.load
          local.get $one
          local.get $v
          local.get $v
          f32x4.mul
          f32x4.sub
          f32x4.mul
          v128.store
          local.get $i
          i32.const 4
          i32.add
          local.set $i
          br 0
        end
      end
    end)

  (func $demote_rows_f32 (export "demote_rows_f32") (param $dst i32) (param $src i32) (param $rows i32) (param $cols i32) (param $lds i32)
    (local $r i32)
    (local $j i32)
    (local $s i32)
    (local $d i32)
    local.get $dst
    local.set $d
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        local.get $src
        local.get $r
        local.get $lds
        i32.mul
        i32.const 3
        i32.shl
        i32.add
        local.set $s
        i32.const 0
        local.set $j
        block
          loop
            local.get $j
            local.get $cols
            i32.ge_s
            br_if 1
            local.get $d
            local.get $j
            i32.const 2
            i32.shl
            i32.add
            local.get $s
            local.get $j
            i32.const 3
            i32.shl
            i32.add
            v128.load
            f32x4.demote_f64x2_zero
            local.get $s
            local.get $j
            i32.const 3
            i32.shl
            i32.add
            v128.load offset=16
            f32x4.demote_f64x2_zero
            i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
            v128.store
            local.get $j
            i32.const 4
            i32.add
            local.set $j
            br 0
          end
        end
        local.get $d
        local.get $cols
        i32.const 2
        i32.shl
        i32.add
        local.set $d
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end)

  (func $transpose_f32 (export "transpose_f32") (param $dst i32) (param $ldd i32) (param $src i32) (param $lds i32) (param $rows i32) (param $cols i32)
    (local $r i32)
    (local $c i32)
    (local $s i32)
    (local $d i32)
    (local $v0 v128)
    (local $v1 v128)
    (local $v2 v128)
    (local $v3 v128)
    (local $t0 v128)
    (local $t1 v128)
    (local $t2 v128)
    (local $t3 v128)
    (local $r0 i32)
    i32.const 0
    local.set $r
    block
      loop
        local.get $r
        i32.const 4
        i32.add
        local.get $rows
        i32.gt_s
        br_if 1
        i32.const 0
        local.set $c
        block
          loop
            local.get $c
            i32.const 4
            i32.add
            local.get $cols
            i32.gt_s
            br_if 1
            local.get $src
            local.get $r
            local.get $lds
            i32.mul
            local.get $c
            i32.add
            i32.const 2
            i32.shl
            i32.add
            local.set $s
            local.get $s
            v128.load
            local.set $v0
            local.get $s
            local.get $lds
            i32.const 2
            i32.shl
            i32.add
            local.set $s
            local.get $s
            v128.load
            local.set $v1
            local.get $s
            local.get $lds
            i32.const 2
            i32.shl
            i32.add
            local.set $s
            local.get $s
            v128.load
            local.set $v2
            local.get $s
            local.get $lds
            i32.const 2
            i32.shl
            i32.add
            local.set $s
            local.get $s
            v128.load
            local.set $v3
            local.get $dst
            local.get $c
            local.get $ldd
            i32.mul
            local.get $r
            i32.add
            i32.const 2
            i32.shl
            i32.add
            local.set $d
            local.get $v0
            local.get $v1
            i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
            local.set $t0
            local.get $v0
            local.get $v1
            i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
            local.set $t1
            local.get $v2
            local.get $v3
            i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
            local.set $t2
            local.get $v2
            local.get $v3
            i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
            local.set $t3
            local.get $d
            local.get $t0
            local.get $t2
            i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
            v128.store
            local.get $d
            local.get $ldd
            i32.const 2
            i32.shl
            i32.add
            local.set $d
            local.get $d
            local.get $t0
            local.get $t2
            i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
            v128.store
            local.get $d
            local.get $ldd
            i32.const 2
            i32.shl
            i32.add
            local.set $d
            local.get $d
            local.get $t1
            local.get $t3
            i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
            v128.store
            local.get $d
            local.get $ldd
            i32.const 2
            i32.shl
            i32.add
            local.set $d
            local.get $d
            local.get $t1
            local.get $t3
            i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
            v128.store
            local.get $c
            i32.const 4
            i32.add
            local.set $c
            br 0
          end
        end
        local.get $r
        local.set $r0
        block
          loop
            local.get $c
            local.get $cols
            i32.ge_s
            br_if 1
            block
              loop
                local.get $r
                local.get $r0
                i32.const 4
                i32.add
                i32.ge_s
                br_if 1
                local.get $dst
                local.get $c
                local.get $ldd
                i32.mul
                local.get $r
                i32.add
                i32.const 2
                i32.shl
                i32.add
                local.get $src
                local.get $r
                local.get $lds
                i32.mul
                local.get $c
                i32.add
                i32.const 2
                i32.shl
                i32.add
                f32.load
                f32.store
                local.get $r
                i32.const 1
                i32.add
                local.set $r
                br 0
              end
            end
            local.get $r0
            local.set $r
            local.get $c
            i32.const 1
            i32.add
            local.set $c
            br 0
          end
        end
        local.get $r
        i32.const 4
        i32.add
        local.set $r
        br 0
      end
    end
    block
      loop
        local.get $r
        local.get $rows
        i32.ge_s
        br_if 1
        i32.const 0
        local.set $c
        block
          loop
            local.get $c
            local.get $cols
            i32.ge_s
            br_if 1
            local.get $dst
            local.get $c
            local.get $ldd
            i32.mul
            local.get $r
            i32.add
            i32.const 2
            i32.shl
            i32.add
            local.get $src
            local.get $r
            local.get $lds
            i32.mul
            local.get $c
            i32.add
            i32.const 2
            i32.shl
            i32.add
            f32.load
            f32.store
            local.get $c
            i32.const 1
            i32.add
            local.set $c
            br 0
          end
        end
        local.get $r
        i32.const 1
        i32.add
        local.set $r
        br 0
      end
    end))
