#!/usr/bin/env bash
# Boots HvWeb's tiny guest images under QEMU (TCG) and checks what the project relies on:
#   - HVWEB-READY on COM1 within the time limit (and how long it took)
#   - HVWEB-UPTIME heartbeat lines every ~2 s with a growing guest uptime
#   - a working busybox shell on COM1
#   - QMP screendump (png) of a non-blank VGA screen
#   - QMP system_powerdown makes the guest power off and QEMU exit
# plus the build cache: a second build.sh run does nothing, a changed builder file changes
# the hash.
#
# Usage: guest/verify.sh [--runs N] [--keep] [DIR]
#   DIR defaults to the output of guest/build.sh (which builds if needed).
# Needs: qemu-system-x86 ovmf qemu-utils, perl-base (QMP client), plus what build.sh needs.
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
tool=$here/hvtool.pl
readonly READY_LIMIT=20     # seconds
readonly POWEROFF_LIMIT=5   # seconds
readonly OVMF_CODE=/usr/share/OVMF/OVMF_CODE_4M.fd
readonly OVMF_VARS=/usr/share/OVMF/OVMF_VARS_4M.fd

runs=1
keep=0
dir=""
while (($#)); do
    case $1 in
        --runs) runs=$2; shift 2 ;;
        --keep) keep=1; shift ;;
        -h | --help) sed -n '2,14p' "$0"; exit 0 ;;
        *) dir=$1; shift ;;
    esac
done

failures=0
log() { printf '%s\n' "$*" >&2; }
fail() { log "FAIL: $*"; failures=$((failures + 1)); }
pass() { log "ok:   $*"; }

for t in qemu-system-x86_64 qemu-img perl; do
    command -v "$t" >/dev/null 2>&1 || { log "missing $t (apt-get install qemu-system-x86 qemu-utils perl-base)"; exit 2; }
done
[[ -r $OVMF_CODE && -r $OVMF_VARS ]] || { log "missing OVMF (apt-get install ovmf)"; exit 2; }

if [[ -z $dir ]]; then
    dir=$("$here/build.sh" | tail -n1)
fi
[[ -s $dir/manifest.json ]] || { log "no manifest.json in $dir"; exit 2; }
cmdline=$(sed -n 's/^ *"cmdline": *"\(.*\)",*$/\1/p' "$dir/manifest.json")
log "images: $dir"

work=$(mktemp -d /tmp/hvweb-verify.XXXXXX)
qemu_pid=""
cleanup() {
    if [[ -n $qemu_pid ]] && kill -0 "$qemu_pid" 2>/dev/null; then
        kill "$qemu_pid" 2>/dev/null || true
        wait "$qemu_pid" 2>/dev/null || true
    fi
    if ((keep)); then log "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

now() { printf '%s' "${EPOCHREALTIME/./}"; }   # microseconds
ms_since() { printf '%d' $((($(now) - $1) / 1000)); }
secs() { printf '%d.%02d' $(($1 / 1000)) $((($1 % 1000) / 10)); }

# CPU time (user + system) a process has used so far, in ms.
qemu_cpu_ms() {
    local -a st
    read -r -a st < "/proc/$1/stat" || { echo 0; return; }
    # Fields 14 and 15 (utime, stime) in clock ticks; the command name has no spaces here.
    echo $(((st[13] + st[14]) * 1000 / $(getconf CLK_TCK)))
}

# wait_for FILE REGEX TIMEOUT_MS: 0 when REGEX shows up in FILE in time
wait_for() {
    local file=$1 re=$2 limit=$3 start
    start=$(now)
    while (($(ms_since "$start") < limit)); do
        if [[ -f $file ]] && grep -aqE "$re" "$file"; then
            return 0
        fi
        if ! kill -0 "$qemu_pid" 2>/dev/null; then
            return 1
        fi
        sleep 0.05
    done
    return 1
}

# boot_case NAME RUN: boots one configuration and checks it; appends to results
declare -a results=()
boot_case() {
    local name=$1 run=$2
    local d=$work/$name-$run
    mkdir -p "$d"
    local serial=$d/serial.log qmp=$d/qmp.sock ser=$d/serial.sock qga=$d/qga.sock
    local -a args=(-accel tcg -m 256 -nodefaults -vga std -display none -no-user-config
        -chardev "socket,id=com1,path=$ser,server=on,wait=off,logfile=$serial"
        -serial chardev:com1
        -qmp "unix:$qmp,server=on,wait=off")
    # The guest agent's channel, as HvWeb gives it (disk boots only: the agent is on the disk).
    # shellcheck disable=SC2054  # commas are QEMU option syntax
    local -a agent_args=(-chardev "socket,id=qga0,path=$qga,server=on,wait=off"
        -device virtio-serial-pci,id=vserial0
        -device virtserialport,bus=vserial0.0,chardev=qga0,name=org.qemu.guest_agent.0)
    # shellcheck disable=SC2054  # commas are QEMU option syntax
    case $name in
        bios)
            qemu-img create -q -f qcow2 -b "$dir/tiny-bios.qcow2" -F qcow2 "$d/disk.qcow2"
            args+=("${agent_args[@]}" -machine pc
                -blockdev "driver=qcow2,node-name=d0,file.driver=file,file.filename=$d/disk.qcow2"
                -device ide-hd,bus=ide.0,unit=0,drive=d0) ;;
        uefi)
            qemu-img create -q -f qcow2 -b "$dir/tiny-uefi.qcow2" -F qcow2 "$d/disk.qcow2"
            cp "$OVMF_VARS" "$d/OVMF_VARS.fd"
            args+=("${agent_args[@]}" -machine q35,pflash0=fw-code,pflash1=fw-vars
                -blockdev "driver=file,node-name=fw-code,filename=$OVMF_CODE,read-only=on"
                -blockdev "driver=file,node-name=fw-vars,filename=$d/OVMF_VARS.fd"
                -blockdev "driver=qcow2,node-name=d0,file.driver=file,file.filename=$d/disk.qcow2"
                -device virtio-scsi-pci,id=scsi0
                -device scsi-hd,bus=scsi0.0,drive=d0) ;;
        kernel)
            args+=(-machine pc -kernel "$dir/vmlinuz" -initrd "$dir/initrd.img" -append "$cmdline") ;;
    esac

    local start ready_ms cpu_ms off_ms rc
    start=$(now)
    qemu-system-x86_64 "${args[@]}" 2>"$d/qemu.err" &
    qemu_pid=$!

    if ! wait_for "$serial" '^HVWEB-READY' $((READY_LIMIT * 1000)); then
        fail "$name: no HVWEB-READY within ${READY_LIMIT}s (see $d)"
        "$tool" qmp "$qmp" "{\"execute\":\"screendump\",\"arguments\":{\"filename\":\"$d/timeout.png\",\"format\":\"png\"}}" >/dev/null 2>&1 || true
        keep=1
        kill "$qemu_pid" 2>/dev/null || true
        wait "$qemu_pid" 2>/dev/null || true
        qemu_pid=""
        results+=("$name run $run: FAILED")
        return
    fi
    ready_ms=$(ms_since "$start")
    cpu_ms=$(qemu_cpu_ms "$qemu_pid")
    pass "$name: HVWEB-READY after $(secs "$ready_ms") s (QEMU used $(secs "$cpu_ms") s of CPU)"

    # Heartbeat: two lines, uptime growing by about 2 s.
    if wait_for "$serial" '^HVWEB-UPTIME [0-9.]+.?$' 4000 &&
        sleep 2.2 && [[ $(tr -d '\r' < "$serial" | grep -c '^HVWEB-UPTIME [0-9]*\.[0-9]*$') -ge 2 ]]; then
        local ups
        local -a upv
        ups=$(tr -d "\r" < "$serial" | sed -n 's/^HVWEB-UPTIME \([0-9]*\.[0-9]*\)$/\1/p' | tail -n2 | tr "\n" " ")
        read -r -a upv <<< "$ups"
        if perl -e 'my ($a, $b) = @ARGV; exit(($b - $a > 1.5 && $b - $a < 3.5) ? 0 : 1)' "${upv[@]}"; then
            pass "$name: heartbeat ($ups)"
        else
            fail "$name: heartbeat uptimes not ~2 s apart: $ups"
        fi
    else
        fail "$name: fewer than 2 HVWEB-UPTIME lines"
    fi

    # Shell on COM1.
    # shellcheck disable=SC2016  # $((6*7)) is for the guest shell
    "$tool" type "$ser" 'echo HVWEB-SHELL-$((6*7))\n'
    if wait_for "$serial" 'HVWEB-SHELL-42' 5000; then
        pass "$name: shell on COM1"
    else
        fail "$name: no shell answer on COM1"
    fi

    # Disk boots: the data partition on /data and the guest agent, which freezes and thaws it.
    if [[ $name != kernel ]]; then
        local agent_ms
        if wait_for "$serial" '^HVWEB-AGENT' 20000 && grep -q '^HVWEB-DATA /data' <(tr -d '\r' < "$serial"); then
            agent_ms=$(ms_since "$start")
            local frozen thawed
            frozen=$("$tool" agent "$qga" guest-fsfreeze-freeze 2>&1 || true)
            thawed=$("$tool" agent "$qga" guest-fsfreeze-thaw 2>&1 || true)
            if [[ $frozen == '{"return": 1}' && $thawed == '{"return": 1}' ]]; then
                pass "$name: /data mounted and guest agent up $(secs "$agent_ms") s after start; fsfreeze froze and thawed 1 file system"
            else
                fail "$name: fsfreeze: freeze said '$frozen', thaw said '$thawed'"
            fi
        else
            fail "$name: no HVWEB-DATA / HVWEB-AGENT on COM1 within 20 s of READY"
        fi
    fi

    # VGA screen: png from QMP, and a ppm to count lit pixels.
    "$tool" qmp "$qmp" "{\"execute\":\"screendump\",\"arguments\":{\"filename\":\"$d/screen.png\",\"format\":\"png\"}}" >/dev/null
    "$tool" qmp "$qmp" "{\"execute\":\"screendump\",\"arguments\":{\"filename\":\"$d/screen.ppm\"}}" >/dev/null
    local w h lit
    read -r w h lit < <("$tool" ppm-lit "$d/screen.ppm")
    if [[ $(head -c 8 "$d/screen.png" | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]] && ((lit > 2000)); then
        pass "$name: screendump png ${w}x${h}, $lit non-background pixels"
    else
        fail "$name: screen looks blank (${w}x${h}, $lit non-background pixels)"
        keep=1
    fi

    # ACPI power button.
    local t0
    t0=$(now)
    "$tool" qmp "$qmp" '{"execute":"system_powerdown"}' >/dev/null
    while kill -0 "$qemu_pid" 2>/dev/null && (($(ms_since "$t0") < POWEROFF_LIMIT * 1000)); do
        sleep 0.02
    done
    off_ms=$(ms_since "$t0")
    if kill -0 "$qemu_pid" 2>/dev/null; then
        fail "$name: still running ${POWEROFF_LIMIT}s after system_powerdown"
        kill "$qemu_pid" 2>/dev/null || true
        wait "$qemu_pid" 2>/dev/null || true
        qemu_pid=""
        results+=("$name run $run: ready $(secs "$ready_ms") s, powerdown FAILED")
        return
    fi
    rc=0
    wait "$qemu_pid" || rc=$?
    qemu_pid=""
    if ((rc == 0)); then
        pass "$name: powered off $(secs "$off_ms") s after system_powerdown"
    else
        fail "$name: QEMU exited with $rc after system_powerdown"
    fi
    results+=("$name run $run: ready $(secs "$ready_ms") s (cpu $(secs "$cpu_ms") s), poweroff $(secs "$off_ms") s")
}

for ((r = 1; r <= runs; r++)); do
    for c in bios uefi kernel; do
        boot_case "$c" "$r"
    done
done

# Build cache: nothing to do the second time; a changed builder file changes the hash.
if [[ $dir == */guest/* ]]; then
    cache_base=${dir%/guest/*}
    t0=$(now)
    again=$(HVWEB_CACHE_DIR=$cache_base "$here/build.sh" 2>"$work/build2.err" | tail -n1)
    took=$(ms_since "$t0")
    if [[ $again == "$dir" ]] && ! grep -q building "$work/build2.err"; then
        pass "cache: second build.sh run reused $again in $(secs "$took") s"
    else
        fail "cache: second run gave '$again' (expected '$dir'): $(cat "$work/build2.err")"
    fi
    cp -R "$here" "$work/guest-copy"
    echo "# changed" >> "$work/guest-copy/initramfs/etc/profile"
    changed=$(HVWEB_CACHE_DIR=$cache_base "$work/guest-copy/build.sh" --print-dir 2>/dev/null | tail -n1)
    if [[ -n $changed && $changed != "$dir" ]]; then
        pass "cache: a changed builder file gives a new folder (${changed##*/} vs ${dir##*/})"
    else
        fail "cache: hash did not change with a builder file ($changed)"
    fi
fi

log ""
log "summary (TCG, $(nproc) cores):"
for line in "${results[@]}"; do
    log "  $line"
done
if ((failures)); then
    log "$failures check(s) failed"
    exit 1
fi
log "all checks passed"
