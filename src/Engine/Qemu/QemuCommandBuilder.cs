using HvWeb.Engine.Host;
using HvWeb.Engine.Model;

namespace HvWeb.Engine.Qemu;

/// <summary>
/// VM definition → QEMU command line. Pure: no file system, no process, so every shape is pinned by
/// golden files (tests/unit/Golden). The first element is the QEMU binary.
/// QEMU starts daemonized and paused (<c>-S</c>); the VM manager connects to QMP and sends <c>cont</c>.
/// </summary>
public static class QemuCommandBuilder
{
    public static IReadOnlyList<string> Build(VmDefinition vm, QemuLaunchContext context)
    {
        ArgumentNullException.ThrowIfNull(vm);
        ArgumentNullException.ThrowIfNull(context);

        var args = new List<string>
        {
            context.QemuBinary,
            "-name", $"guest={vm.Id:D},debug-threads=on",
            "-uuid", vm.Id.ToString("D"),
            "-no-user-config",
            "-nodefaults",
        };
        AddMachine(args, vm, context);
        args.AddRange(["-m", $"{MemoryMb(vm, context)}", "-smp", $"{vm.ProcessorCount}", "-rtc", "base=utc"]);
        AddProcess(args, vm, context);
        AddConsoles(args, vm, context);
        AddUsbTablet(args, vm);
        var boot = BootIndexes.Assign(vm.BootOrder, DriveArguments.Ordered(vm), vm.NetworkAdapters.Count, vm.FloppyPath is not null);
        DriveArguments.Add(args, vm, boot);
        NetworkArguments.Add(args, vm, boot.Adapters, context.Taps);
        if (!vm.LegacyDeviceSet)
        {
            IntegrationArguments.Add(args, vm, context);
        }
        if (context.IncomingDefer)
        {
            args.AddRange(["-incoming", "defer"]);
        }

        return args;
    }

    /// <summary>
    /// Static memory: the startup memory. Dynamic memory: room for the maximum (at most the host's
    /// memory), since the balloon can only give back what QEMU was started with; the dynamic memory
    /// controller inflates the balloon to the startup memory at once and moves it from the guest's
    /// demand afterwards.
    /// </summary>
    public static long MemoryMb(VmDefinition vm, QemuLaunchContext context)
    {
        ArgumentNullException.ThrowIfNull(vm);
        ArgumentNullException.ThrowIfNull(context);
        if (!vm.DynamicMemoryEnabled)
        {
            return vm.MemoryStartupMb;
        }

        var ceiling = Math.Min(vm.MemoryMaximumMb, context.HostMemoryMb ?? long.MaxValue);
        return Math.Max(vm.MemoryStartupMb, ceiling - (ceiling % 2));
    }

    /// <summary>The VM's pinned machine type, or the generation's alias; only [a-z0-9._-] may reach the option string.</summary>
    private static string MachineType(VmDefinition vm, string alias)
    {
        var type = vm.MachineType ?? alias;
        if (type.Length == 0 || !type.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-' or '_'))
        {
            throw new ArgumentException($"Machine type '{type}' is not a QEMU machine type name.", nameof(vm));
        }

        return type;
    }

    private static void AddMachine(List<string> args, VmDefinition vm, QemuLaunchContext context)
    {
        var accel = context.Accelerator switch
        {
            Accelerator.Kvm => "kvm",
            Accelerator.Tcg => "tcg",
            _ => throw new ArgumentOutOfRangeException(nameof(context), context.Accelerator, "Unknown accelerator."),
        };
        switch (vm.Generation)
        {
            case VmGeneration.One:
                // i440FX with SeaBIOS, like Hyper-V generation 1's emulated 440BX.
                args.AddRange(["-machine", $"{MachineType(vm, "pc")},accel={accel}"]);
                break;
            case VmGeneration.Two:
                // Q35 with OVMF: the firmware code is shared and read-only, the variable store is the VM's own copy.
                args.AddRange(["-blockdev", QemuJson.Object(
                    ("driver", "file"), ("filename", vm.SecureBoot ? context.OvmfSecureBootCode : context.OvmfCode), ("node-name", "fw-code-file"), ("read-only", true))]);
                args.AddRange(["-blockdev", QemuJson.Object(
                    ("driver", "raw"), ("file", "fw-code-file"), ("node-name", "fw-code"), ("read-only", true))]);
                args.AddRange(["-blockdev", QemuJson.Object(
                    ("driver", "file"), ("filename", RuntimeFile(vm, context, VmPaths.FirmwareVarsFile)), ("node-name", "fw-vars-file"))]);
                args.AddRange(["-blockdev", QemuJson.Object(
                    ("driver", "raw"), ("file", "fw-vars-file"), ("node-name", "fw-vars"))]);
                if (vm.SecureBoot)
                {
                    // OVMF's Secure Boot build keeps its variables in SMM: the flash is writable only from SMM.
                    args.AddRange(["-machine", $"{MachineType(vm, "q35")},accel={accel},pflash0=fw-code,pflash1=fw-vars,smm=on"]);
                    args.AddRange(["-global", "driver=cfi.pflash01,property=secure,value=on"]);
                }
                else
                {
                    args.AddRange(["-machine", $"{MachineType(vm, "q35")},accel={accel},pflash0=fw-code,pflash1=fw-vars"]);
                }

                break;
            default:
                throw new ArgumentException($"Unknown generation {vm.Generation}.", nameof(vm));
        }

        if (vm.ProcessorCompatibilityForMigration)
        {
            // "Migrate to a physical computer with a different processor version": a baseline model
            // with only the features every x86-64 host has (kvm64 is KVM's, qemu64 TCG's default).
            args.AddRange(["-cpu", context.Accelerator == Accelerator.Kvm ? "kvm64" : "qemu64"]);
        }
        else if (context.Accelerator == Accelerator.Kvm)
        {
            args.AddRange(["-cpu", "host"]);
        }
    }

    private static void AddProcess(List<string> args, VmDefinition vm, QemuLaunchContext context)
    {
        // -pidfile and -D take a bare file name (not QemuOpts): no comma doubling. With -daemonize,
        // -D also receives QEMU's stderr, so QemuLauncher reads it back when the start fails.
        args.AddRange(["-daemonize", "-pidfile", RuntimeFile(vm, context, VmPaths.PidFile)]);
        args.AddRange(["-D", RuntimeFile(vm, context, VmPaths.QemuLogFile)]);
        args.Add("-S");
    }

    private static void AddConsoles(List<string> args, VmDefinition vm, QemuLaunchContext context)
    {
        var qmp = QemuOpts.Escape(VmPaths.QmpSocket(context.SocketFolder));
        args.AddRange(["-chardev", $"socket,id=qmp,path={qmp},server=on,wait=off", "-mon", "chardev=qmp,mode=control"]);
        args.AddRange(["-display", "none", "-vnc", "unix:" + QemuOpts.Escape(VmPaths.VncSocket(context.SocketFolder))]);
        // COM1 is always logged (the serial log); with a named pipe, its socket is the pipe.
        var serial = QemuOpts.Escape(vm.Com1PipeName is { } com1
            ? VmPaths.PipeSocket(context.SocketFolder, com1)
            : VmPaths.SerialSocket(context.SocketFolder));
        var serialLog = QemuOpts.Escape(RuntimeFile(vm, context, VmPaths.SerialLogFile));
        args.AddRange(["-chardev", $"socket,id=com1,path={serial},server=on,wait=off,logfile={serialLog},logappend=on"]);
        args.AddRange(["-serial", "chardev:com1"]);
        if (vm.Com2PipeName is { } com2)
        {
            var pipe = QemuOpts.Escape(VmPaths.PipeSocket(context.SocketFolder, com2));
            args.AddRange(["-chardev", $"socket,id=com2,path={pipe},server=on,wait=off", "-serial", "chardev:com2"]);
        }

        args.AddRange(["-vga", "std"]);
    }

    private static void AddUsbTablet(List<string> args, VmDefinition vm)
    {
        // An absolute pointer, so the browser's mouse position is the guest's.
        var controller = vm.Generation == VmGeneration.One ? "piix3-usb-uhci" : "qemu-xhci";
        args.AddRange(["-device", QemuJson.Object(("driver", controller), ("id", "usb"))]);
        args.AddRange(["-device", QemuJson.Object(("driver", "usb-tablet"), ("bus", "usb.0"), ("id", "tablet"))]);
    }

    /// <summary>The file VmPaths names for this VM, placed in the context's runtime folder.</summary>
    private static string RuntimeFile(VmDefinition vm, QemuLaunchContext context, Func<VmDefinition, string> file) =>
        Path.Combine(context.RuntimeFolder, Path.GetFileName(file(vm)));
}
