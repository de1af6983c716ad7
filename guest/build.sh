#!/usr/bin/env bash
# Builds HvWeb's tiny test/demo guest images from installed Debian packages only:
#   tiny-bios.qcow2  generation 1: MBR + FAT16 + syslinux, boots with SeaBIOS (-machine pc, IDE)
#   tiny-uefi.qcow2  generation 2: GPT + FAT32 ESP + syslinux.efi, boots with OVMF (q35, virtio-scsi)
#   vmlinuz, initrd.img  the same kernel and initramfs, for -kernel/-initrd probes
#   tiny.iso         the same kernel and initramfs on a CD image (grub-mkrescue: BIOS and UEFI);
#                    its command line adds hvweb.bootfrom=iso, so the guest prints
#                    "HVWEB-BOOTED-FROM iso" on COM1 (an installation-media test)
#   manifest.json    {"hash","kernel","files","builtUtc",...}; written last
# The guest is a Debian kernel plus a busybox initramfs (see guest/initramfs/ and
# docs/guest-images.md). Nothing is mounted and nothing is downloaded.
#
# Output: ${HVWEB_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/hvweb}/guest/<hash>/
# The last line of stdout is that folder's absolute path; everything else goes to stderr:
#   dir=$(guest/build.sh | tail -n1)
#
# Usage: guest/build.sh [--check | --packages | --print-dir | --force | --help]
set -euo pipefail
export LC_ALL=C
PATH="$PATH:/usr/sbin:/sbin"

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)

# Kernel command line. console=ttyS0 comes last so that /dev/console (init's output) is COM1;
# tty0 still gets the kernel messages. quiet keeps the serial log short. The rest only
# shortens the boot under TCG (measured with initcall_debug): no crypto self-tests, no CPU
# bug mitigations, no read-only-data pass and W+X check, no IO-APIC timer check.
readonly CMDLINE="console=tty0 console=ttyS0,115200 quiet cryptomgr.notests mitigations=off rodata=off no_timer_check"
readonly DISK_MIB=64         # virtual size of both disks
readonly PART_START=2048     # first partition at 1 MiB (sectors of 512 bytes)
# Partitions of both disks: boot (FAT, from 1 MiB), data (ext2, label HVWEB-DATA, mounted on /data
# by the guest), agent (the raw agent archive); the last 3 MiB stay free.
readonly BOOT_MIB=36
readonly DATA_MIB=12
readonly AGENT_MIB=12
# Loaded by /etc/rc before HVWEB-READY: button + evdev: ACPI power button -> input event -> busybox
# acpid; the memory balloon (dynamic memory); network adapters: virtio_net (synthetic; pulls in
# failover, net_failover), tulip (legacy DEC 21140).
readonly MODULES=(button evdev virtio_pci virtio_balloon virtio_net tulip)
# Loaded in the background after HVWEB-READY (hvweb-guest-services), so they do not delay it:
# ata_piix + sd_mod: IDE disks (generation 1); virtio_scsi: SCSI disks (generation 2, and the SCSI
# controllers of generation 1); virtio_console: the guest agent's virtio-serial port.
readonly LATE_MODULES=(ata_piix virtio_scsi sd_mod virtio_console)
# Not in the initramfs but in the agent archive on the disk (see build_agent_archive), loaded after
# it: crc32c_generic + ext4 mount the ext2 data partition.
readonly AGENT_MODULES=(crc32c_generic ext4)
readonly QEMU_GA=/usr/sbin/qemu-ga   # the QEMU guest agent (Debian's qemu-guest-agent), with the libraries ldd names
readonly OUTPUTS=(tiny-bios.qcow2 tiny-uefi.qcow2 vmlinuz initrd.img tiny.iso)

readonly SYSLINUX_MBR=/usr/lib/syslinux/mbr/mbr.bin
readonly SYSLINUX_EFI=/usr/lib/SYSLINUX.EFI/efi64/syslinux.efi
readonly LDLINUX_E64=/usr/lib/syslinux/modules/efi64/ldlinux.e64
readonly BUSYBOX=/bin/busybox
readonly GRUB_BIOS_DIR=/usr/lib/grub/i386-pc
readonly GRUB_EFI_DIR=/usr/lib/grub/x86_64-efi

# Keep stdout for the final path only.
exec 3>&1 1>&2

log() { printf 'guest/build.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

usage() {
    cat >&2 <<'EOF'
Usage: guest/build.sh [OPTION]
Builds (or finds in the cache) HvWeb's tiny guest images and prints their folder as the
last line of stdout.
  --check      exit 0 if every host tool needed to build is present; otherwise print the
               missing Debian packages (space separated) on stdout and exit 1
  --packages   print the Debian packages needed to build (space separated)
  --print-dir  print the output folder for the current inputs without building
  --force      rebuild even if the output folder is complete
  --help       this text
Environment: HVWEB_CACHE_DIR (cache root), HVWEB_GUEST_KERNEL (kernel version to use,
default: the one the linux-image-amd64 package depends on).
EOF
}

# ---------------------------------------------------------------------------------------
# Host requirements

# "command-or-file package" pairs needed to build.
requirements() {
    cat <<EOF
dpkg-query dpkg
sha256sum coreutils
flock util-linux
sfdisk fdisk
mkfs.fat dosfstools
mcopy mtools
mmd mtools
syslinux syslinux
$SYSLINUX_MBR syslinux-common
$LDLINUX_E64 syslinux-common
$SYSLINUX_EFI syslinux-efi
qemu-img qemu-utils
cpio cpio
gzip gzip
grub-mkrescue grub-common
$GRUB_BIOS_DIR/cdboot.img grub-pc-bin
$GRUB_EFI_DIR/linux.mod grub-efi-amd64-bin
xorriso xorriso
mformat mtools
$QEMU_GA qemu-guest-agent
mkfs.ext2 e2fsprogs
ldd libc-bin
EOF
}

readonly BUILD_PACKAGES="linux-image-amd64 busybox-static syslinux syslinux-common syslinux-efi mtools dosfstools fdisk cpio qemu-utils grub-pc-bin grub-efi-amd64-bin xorriso qemu-guest-agent e2fsprogs"

pkg_installed() {
    [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true) == "install ok installed" ]]
}

pkg_version() {
    dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo unknown
}

# Prints the missing packages, one per line (may repeat).
missing_packages() {
    local what pkg
    while read -r what pkg; do
        if [[ $what == /* ]]; then
            [[ -e $what ]] || echo "$pkg"
        else
            command -v "$what" >/dev/null 2>&1 || echo "$pkg"
        fi
    done < <(requirements)
    if ! command -v dpkg-query >/dev/null 2>&1; then
        return 0
    fi
    pkg_installed busybox-static && [[ -x $BUSYBOX ]] || echo busybox-static
    if ! resolve_kernel 2>/dev/null; then
        echo linux-image-amd64
    else
        # Compressed modules (newer Debian kernels) are decompressed at build time.
        local m
        for m in "${module_files[@]}"; do
            case $m in
                *.xz) command -v xz >/dev/null 2>&1 || echo xz-utils ;;
                *.zst) command -v zstd >/dev/null 2>&1 || echo zstd ;;
            esac
        done
    fi
}

# ---------------------------------------------------------------------------------------
# Kernel and modules

kver=""
kernel_image=""
module_files=()   # paths relative to /lib/modules/$kver, load order (MODULES, LATE_MODULES, AGENT_MODULES)
module_lists=()   # for each of module_files: the list file in the guest that names it (modules.order, modules.late, modules.agent)

resolve_kernel() {
    local dep pkg v
    kver=${HVWEB_GUEST_KERNEL:-}
    if [[ -z $kver ]]; then
        dep=$(dpkg-query -W -f='${Depends}' linux-image-amd64 2>/dev/null || true)
        pkg=${dep%%[ ,|]*}
        if [[ $pkg == linux-image-* ]]; then
            kver=${pkg#linux-image-}
        fi
    fi
    if [[ -z $kver || ! -f /boot/vmlinuz-$kver || ! -f /lib/modules/$kver/modules.dep ]]; then
        if [[ -n ${HVWEB_GUEST_KERNEL:-} ]]; then
            log "kernel $kver: /boot/vmlinuz-$kver or /lib/modules/$kver/modules.dep missing"
            return 1
        fi
        # Fall back to the newest installed kernel that has its modules.
        kver=""
        while read -r v; do
            v=${v#/boot/vmlinuz-}
            [[ -f /lib/modules/$v/modules.dep ]] && kver=$v
        done < <(find /boot -maxdepth 1 -name 'vmlinuz-*' | sort -V)
        [[ -n $kver ]] || { log "no kernel found in /boot"; return 1; }
    fi
    kernel_image=/boot/vmlinuz-$kver
    [[ -r $kernel_image ]] || { log "$kernel_image is not readable"; return 1; }
    resolve_modules
}

# Fills module_files with MODULES, LATE_MODULES, AGENT_MODULES and their dependencies (dependencies first).
resolve_modules() {
    local depfile=/lib/modules/$kver/modules.dep line path name
    declare -gA MOD_DEPS=() MOD_PATH=()
    while IFS= read -r line; do
        path=${line%%:*}
        name=${path##*/}
        name=${name%%.ko*}
        name=${name//-/_}
        MOD_PATH[$name]=$path
        MOD_DEPS[$path]=${line#*:}
    done < "$depfile"
    module_files=()
    module_lists=()
    declare -gA MOD_SEEN=()
    local m list=modules.order
    for m in "${MODULES[@]}" late "${LATE_MODULES[@]}" agent "${AGENT_MODULES[@]}"; do
        case $m in
            late | agent) list=modules.$m; continue ;;
        esac
        path=${MOD_PATH[${m//-/_}]:-}
        [[ -n $path ]] || { log "module $m not found in $depfile (built in?)"; return 1; }
        add_module "$path"
        while ((${#module_lists[@]} < ${#module_files[@]})); do
            module_lists+=("$list")
        done
    done
}

add_module() {
    local path=$1 dep
    [[ -z ${MOD_SEEN[$path]:-} ]] || return 0
    MOD_SEEN[$path]=1
    for dep in ${MOD_DEPS[$path]}; do
        add_module "$dep"
    done
    module_files+=("$path")
}

# ---------------------------------------------------------------------------------------
# Inputs hash

# Builder files that affect the output: this script and the initramfs overlay.
builder_files() {
    echo build.sh
    (cd "$here" && find initramfs -type f | sort)
}

compute_hash() {
    local f x
    {
        while IFS= read -r f; do
            x=-
            [[ -x $here/$f ]] && x=x
            printf '%s %s %s\n' "$f" "$x" "$(sha256sum < "$here/$f" | cut -c1-64)"
        done < <(builder_files)
        printf 'kernel %s %s\n' "$kver" "$(pkg_version "linux-image-$kver")"
        printf 'busybox %s\n' "$(pkg_version busybox-static)"
        printf 'syslinux %s %s %s\n' "$(pkg_version syslinux)" "$(pkg_version syslinux-common)" \
            "$(pkg_version syslinux-efi)"
        printf 'grub %s %s xorriso %s\n' "$(pkg_version grub-pc-bin)" "$(pkg_version grub-efi-amd64-bin)" \
            "$(pkg_version xorriso)"
        printf 'qemu-guest-agent %s e2fsprogs %s\n' "$(pkg_version qemu-guest-agent)" "$(pkg_version e2fsprogs)"
        for f in $(agent_files); do
            printf 'agent %s %s\n' "$f" "$(sha256sum < "$f" | cut -c1-64)"
        done
    } | sha256sum | cut -c1-16
}

cache_root() {
    local base=${HVWEB_CACHE_DIR:-${XDG_CACHE_HOME:-${HOME:?HOME is not set}/.cache}/hvweb}
    printf '%s/guest' "$base"
}

is_complete() {
    local dir=$1 f
    [[ -s $dir/manifest.json ]] || return 1
    grep -q "\"hash\": *\"${dir##*/}\"" "$dir/manifest.json" || return 1
    for f in "${OUTPUTS[@]}"; do
        [[ -s $dir/$f ]] || return 1
    done
}

# ---------------------------------------------------------------------------------------
# Initramfs

# The guest agent and the shared libraries it loads (the paths ldd prints, the loader included).
agent_files() {
    echo "$QEMU_GA"
    ldd "$QEMU_GA" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' | sort -u
}

# One newc cpio entry without data (directories, device nodes, the trailer).
newc_entry() {
    local name=$1 mode=$2 rmaj=$3 rmin=$4 ino=$5
    local namesize=$((${#name} + 1))
    printf '070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X' \
        "$ino" "$mode" 0 0 1 0 0 0 0 "$rmaj" "$rmin" "$namesize" 0
    printf '%s\0' "$name"
    head -c $(((4 - (110 + namesize) % 4) % 4)) /dev/zero
}

# Copies module i of module_files into the staging folder ROOT and names it in ROOT/etc/<its list>.
stage_module() {
    local root=$1 i=$2 m src dst
    m=${module_files[$i]}
    src=/lib/modules/$kver/$m
    dst=${m%.xz}
    dst=${dst%.zst}
    dst=${dst%.gz}
    mkdir -p "$root/lib/modules/$kver/${dst%/*}" "$root/etc"
    case $m in
        *.xz) xz -dc "$src" > "$root/lib/modules/$kver/$dst" ;;
        *.zst) zstd -qdc "$src" > "$root/lib/modules/$kver/$dst" ;;
        *.gz) gzip -dc "$src" > "$root/lib/modules/$kver/$dst" ;;
        *) cp "$src" "$root/lib/modules/$kver/$dst" ;;
    esac
    echo "$dst" >> "$root/etc/${module_lists[$i]}"
}

# A newc cpio of the staging folder (gzip'd unless the third argument is "plain"), byte-identical
# for the same inputs (fixed owners, modes and time stamps). Extra entries (made without mknod)
# come from the rest of the arguments (a newc_entry call).
pack_cpio() {
    local stage=$1 out=$2 compress=(gzip -9 -n)
    [[ ${3:-} != plain ]] || compress=(cat)
    shift 3
    # Normalise permissions (the checkout's umask must not matter).
    find "$stage" -type d -exec chmod 0755 {} +
    find "$stage" -type f -exec chmod u=rwX,go=rX {} +
    [[ ! -d $stage/tmp ]] || chmod 1777 "$stage/tmp"
    find "$stage" -exec touch -h -d @0 {} +
    {
        (cd "$stage" && find . -mindepth 1 | sort | cpio -o -H newc -R 0:0 --reproducible --quiet)
        "$@"
        newc_entry TRAILER!!! 0 0 0 0
    } | "${compress[@]}" > "$out"
}

# /dev/console as a device node (5,1) without needing mknod (and root) here.
console_entry() { newc_entry dev/console $((8#020600)) 5 1 900001; }

build_initramfs() {
    local out=$1 stage=$2 applet i
    mkdir -p "$stage"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,run,tmp,root,etc,var/log,var/run,var/lib,data}
    mkdir -p "$stage/lib/modules/$kver"
    cp "$BUSYBOX" "$stage/bin/busybox"
    while IFS= read -r applet; do
        [[ -e $stage/$applet || -L $stage/$applet ]] || ln -s /bin/busybox "$stage/$applet"
    done < <("$BUSYBOX" --list-full)
    cp -R "$here/initramfs/." "$stage/"
    : > "$stage/etc/modules.order"
    : > "$stage/etc/modules.late"
    for i in "${!module_files[@]}"; do
        [[ ${module_lists[$i]} == modules.agent ]] || stage_module "$stage" "$i"
    done
    pack_cpio "$stage" "$out" gzip console_entry
}

# The agent archive: the QEMU guest agent, the shared libraries it loads (at the paths ldd
# prints, the loader included) and AGENT_MODULES, as a plain cpio (about 8.5 MiB) that the guest
# unpacks into its root from the disk's third partition after HVWEB-READY. In the initramfs it
# would add about 2 s to a BIOS boot (SeaBIOS reads the disk by PIO); gzip'd on the disk it took
# the guest about 0.9 s more to unpack; plain, the guest's own disk driver reads it in a moment.
build_agent_archive() {
    local out=$1 stage=$2 f i
    mkdir -p "$stage/etc"
    : > "$stage/etc/modules.agent"
    for f in $(agent_files); do
        mkdir -p "$stage/${f%/*}"
        cp -L "$f" "$stage/$f"
    done
    for i in "${!module_files[@]}"; do
        [[ ${module_lists[$i]} != modules.agent ]] || stage_module "$stage" "$i"
    done
    pack_cpio "$stage" "$out" plain
    (($(stat -c %s "$out") <= AGENT_MIB * 1024 * 1024)) || die "the agent archive is larger than AGENT_MIB ($AGENT_MIB MiB)"
}

# ---------------------------------------------------------------------------------------
# Disks (built without mounting: sfdisk, mkfs.fat -C, mtools, syslinux on the partition file)

syslinux_cfg() {
    cat <<EOF
DEFAULT hvweb
PROMPT 0
TIMEOUT 0
LABEL hvweb
  KERNEL /vmlinuz
  INITRD /initrd.img
  APPEND $CMDLINE
EOF
}

# A FAT file system of SECTORS sectors in its own file (hidden sectors = PART_START, as it
# will sit at PART_START on the disk).
make_fat() {
    local file=$1 fat=$2 label=$3 sectors=$4
    shift 4
    rm -f "$file"
    mkfs.fat -C -F "$fat" -n "$label" -h "$PART_START" "$@" "$file" $((sectors / 2)) >/dev/null
}

# Writes the partition file into the disk at PART_START (or at the sector given third).
place_partition() {
    dd if="$1" of="$2" bs=512 seek="${3:-$PART_START}" conv=notrunc,sparse status=none
}

# The data partition: an empty ext2 file system (label HVWEB-DATA) that the guest mounts on /data,
# so that a guest has files on its disk (production checkpoints freeze it through the guest agent).
make_data() {
    local file=$1
    rm -f "$file"
    mkfs.ext2 -q -F -L HVWEB-DATA -b 1024 -m 0 -E root_owner=0:0 "$file" $((DATA_MIB * 1024)) >&2
}

build_bios_disk() {
    local raw=$1 work=$2
    local size=$((BOOT_MIB * 2048)) data_start=$((PART_START + BOOT_MIB * 2048)) part=$work/bios-part.fat
    local agent_start=$((PART_START + (BOOT_MIB + DATA_MIB) * 2048))
    truncate -s "${DISK_MIB}M" "$raw"
    printf 'label: dos\nunit: sectors\n\nstart=%d, size=%d, type=e, bootable\nstart=%d, size=%d, type=83\nstart=%d, size=%d, type=da\n' \
        "$PART_START" "$size" "$data_start" $((DATA_MIB * 2048)) "$agent_start" $((AGENT_MIB * 2048)) \
        | sfdisk --quiet --no-reread --no-tell-kernel "$raw" >&2
    make_fat "$part" 16 HVWEB-BIOS "$size"
    syslinux_cfg > "$work/syslinux.cfg"
    mmd -i "$part" ::/syslinux
    mcopy -i "$part" "$work/syslinux.cfg" ::/syslinux/syslinux.cfg
    mcopy -i "$part" "$work/vmlinuz" ::/vmlinuz
    mcopy -i "$part" "$work/initrd.img" ::/initrd.img
    syslinux --directory /syslinux --install "$part"
    place_partition "$part" "$raw"
    make_data "$work/data.ext2"
    place_partition "$work/data.ext2" "$raw" "$data_start"
    place_partition "$work/agent.img" "$raw" "$agent_start"
    dd if="$SYSLINUX_MBR" of="$raw" bs=440 count=1 conv=notrunc status=none
}

build_uefi_disk() {
    local raw=$1 work=$2
    local size=$((BOOT_MIB * 2048)) data_start=$((PART_START + BOOT_MIB * 2048)) part=$work/uefi-part.fat
    local agent_start=$((PART_START + (BOOT_MIB + DATA_MIB) * 2048))
    truncate -s "${DISK_MIB}M" "$raw"
    printf 'label: gpt\nunit: sectors\n\nstart=%d, size=%d, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, name="EFI system partition"\nstart=%d, size=%d, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name="HvWeb data"\nstart=%d, size=%d, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name="HvWeb guest agent"\n' \
        "$PART_START" "$size" "$data_start" $((DATA_MIB * 2048)) "$agent_start" $((AGENT_MIB * 2048)) \
        | sfdisk --quiet --no-reread --no-tell-kernel "$raw" >&2
    make_fat "$part" 32 HVWEB-UEFI "$size" -s 1
    syslinux_cfg > "$work/syslinux.cfg"
    mmd -i "$part" ::/EFI ::/EFI/BOOT
    mcopy -i "$part" "$SYSLINUX_EFI" ::/EFI/BOOT/BOOTX64.EFI
    mcopy -i "$part" "$LDLINUX_E64" ::/EFI/BOOT/ldlinux.e64
    mcopy -i "$part" "$work/syslinux.cfg" ::/EFI/BOOT/syslinux.cfg
    mcopy -i "$part" "$work/vmlinuz" ::/vmlinuz
    mcopy -i "$part" "$work/initrd.img" ::/initrd.img
    place_partition "$part" "$raw"
    make_data "$work/data.ext2"
    place_partition "$work/data.ext2" "$raw" "$data_start"
    place_partition "$work/agent.img" "$raw" "$agent_start"
}

# A CD image that boots with SeaBIOS (El Torito) and with OVMF (an EFI system partition image),
# made by grub-mkrescue from the same kernel and initramfs.
build_iso() {
    local out=$1 work=$2 root=$2/iso-root
    mkdir -p "$root/boot/grub"
    cp "$work/vmlinuz" "$work/initrd.img" "$root/"
    {
        printf 'set timeout=0\nset default=0\n'
        printf 'menuentry "HvWeb tiny guest (from CD)" {\n'
        printf '  linux /vmlinuz %s hvweb.bootfrom=iso\n  initrd /initrd.img\n}\n' "$CMDLINE"
    } > "$root/boot/grub/grub.cfg"
    find "$root" -exec touch -h -d @0 {} +
    # Without --directory grub-mkrescue takes every platform installed under /usr/lib/grub
    # (i386-pc from grub-pc-bin, x86_64-efi from grub-efi-amd64-bin).
    SOURCE_DATE_EPOCH=0 grub-mkrescue -o "$out" "$root" -- -volid HVWEB-TINY >&2 2>"$work/grub-mkrescue.log" \
        || { cat "$work/grub-mkrescue.log" >&2; die "grub-mkrescue failed"; }
}

json_str() {
    local s=$1
    s=${s//\\/\\\\}
    s=${s//\"/\\\"}
    printf '"%s"' "$s"
}

write_manifest() {
    local dir=$1 hash=$2 f first=1
    {
        printf '{\n  "hash": %s,\n' "$(json_str "$hash")"
        printf '  "kernel": %s,\n' "$(json_str "$kver")"
        printf '  "kernelPackage": %s,\n' "$(json_str "$(pkg_version "linux-image-$kver")")"
        printf '  "busybox": %s,\n' "$(json_str "$(pkg_version busybox-static)")"
        printf '  "cmdline": %s,\n' "$(json_str "$CMDLINE")"
        printf '  "files": ['
        for f in "${OUTPUTS[@]}"; do
            ((first)) || printf ', '
            first=0
            json_str "$f"
        done
        printf '],\n  "sha256": {'
        first=1
        for f in "${OUTPUTS[@]}"; do
            ((first)) || printf ','
            first=0
            printf '\n    %s: %s' "$(json_str "$f")" "$(json_str "$(sha256sum < "$dir/$f" | cut -c1-64)")"
        done
        printf '\n  },\n  "builtUtc": %s\n}\n' "$(json_str "$(date -u +%Y-%m-%dT%H:%M:%SZ)")"
    } > "$dir/manifest.json.part"
    mv "$dir/manifest.json.part" "$dir/manifest.json"
}

# ---------------------------------------------------------------------------------------

main() {
    local mode=build
    case ${1:-} in
        "") ;;
        --check) mode=check ;;
        --packages) echo "$BUILD_PACKAGES" >&3; return 0 ;;
        --print-dir) mode=print-dir ;;
        --force) mode=force ;;
        -h | --help) usage; return 0 ;;
        *) usage; return 2 ;;
    esac

    if [[ $mode == check ]]; then
        local missing
        missing=$(missing_packages | sort -u | tr '\n' ' ')
        missing=${missing% }
        if [[ -n $missing ]]; then
            log "missing Debian packages: $missing"
            echo "$missing" >&3
            return 1
        fi
        resolve_kernel
        log "all host tools present (kernel $kver)"
        return 0
    fi

    local missing
    missing=$(missing_packages | sort -u | tr '\n' ' ')
    [[ -z $missing ]] || die "missing Debian packages: ${missing% } (apt-get install ${missing% })"
    resolve_kernel || die "no usable kernel (install linux-image-amd64)"

    local root hash final
    root=$(cache_root)
    hash=$(compute_hash)
    if [[ $mode == print-dir ]]; then
        mkdir -p "$root"
        echo "$(cd "$root" && pwd -P)/$hash" >&3
        return 0
    fi
    mkdir -p "$root"
    root=$(cd "$root" && pwd -P)
    final=$root/$hash

    if [[ $mode != force ]] && is_complete "$final"; then
        log "up to date: $final"
        echo "$final" >&3
        return 0
    fi

    # One builder at a time per cache; re-check once we hold the lock.
    exec 9>"$root/.build.lock"
    flock -w 900 9 || die "timed out waiting for $root/.build.lock"
    if [[ $mode != force ]] && is_complete "$final"; then
        log "up to date: $final (built by another process)"
        echo "$final" >&3
        return 0
    fi
    # Leftovers of interrupted builds (no other build runs while we hold the lock).
    rm -rf "$root"/.tmp-*

    local tmp work
    tmp=$(mktemp -d "$root/.tmp-$hash-XXXXXX")
    # shellcheck disable=SC2064  # expand $tmp now
    trap "rm -rf '$tmp'" EXIT
    work=$tmp/.work
    mkdir -p "$work"
    export MTOOLS_SKIP_CHECK=1

    log "building guest $hash: kernel $kver, busybox $(pkg_version busybox-static), modules: ${module_files[*]}"
    cp "$kernel_image" "$work/vmlinuz"
    build_initramfs "$work/initrd.img" "$work/initramfs"
    build_agent_archive "$work/agent.img" "$work/agent"
    build_bios_disk "$work/bios.raw" "$work"
    build_uefi_disk "$work/uefi.raw" "$work"
    qemu-img convert -f raw -O qcow2 "$work/bios.raw" "$tmp/tiny-bios.qcow2"
    qemu-img convert -f raw -O qcow2 "$work/uefi.raw" "$tmp/tiny-uefi.qcow2"
    build_iso "$tmp/tiny.iso" "$work"
    cp "$work/vmlinuz" "$work/initrd.img" "$tmp/"
    rm -rf "$work"
    chmod 0755 "$tmp"
    write_manifest "$tmp" "$hash"

    if [[ -e $final ]]; then
        rm -rf "$final"
    fi
    mv -T "$tmp" "$final"
    trap - EXIT
    log "built $final ($(du -sh "$final" | cut -f1))"
    echo "$final" >&3
}

main "$@"
