using HvWeb.Engine.Host;

namespace HvWeb.Engine.Qemu;

/// <summary>
/// What the command line needs beyond the VM's definition: how to run guests on this host and where
/// the sockets and runtime files go (normally <see cref="VmPaths.SocketFolder"/> and
/// <see cref="VmPaths.RuntimeFolder"/>; tests pass fixed paths).
/// </summary>
public sealed record QemuLaunchContext
{
    public required Accelerator Accelerator { get; init; }
    /// <summary>Short folder for the QMP, VNC and serial unix sockets (sun_path holds 107 bytes).</summary>
    public required string SocketFolder { get; init; }
    /// <summary>Folder for the pid file, logs and firmware variables of this VM.</summary>
    public required string RuntimeFolder { get; init; }
    public string OvmfCode { get; init; } = "/usr/share/OVMF/OVMF_CODE_4M.fd";
    /// <summary>Secure Boot firmware code (SMM build), used when a generation 2 VM has Secure Boot on.</summary>
    public string OvmfSecureBootCode { get; init; } = "/usr/share/OVMF/OVMF_CODE_4M.secboot.fd";
    /// <summary>The host's memory: the most a VM with dynamic memory is started with room for (null = no limit).</summary>
    public long? HostMemoryMb { get; init; }
    public string QemuBinary { get; init; } = "qemu-system-x86_64";
    /// <summary>Start waiting for an incoming migration (restore of saved state, live migration): <c>-incoming defer</c>.</summary>
    public bool IncomingDefer { get; init; }
    /// <summary>The tap of each network adapter (by its place in the VM's list); null or missing = no backend (Not Connected).</summary>
    public IReadOnlyList<string?> Taps { get; init; } = [];
}
