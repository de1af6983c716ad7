using HvWeb.Engine.Host;
using HvWeb.Engine.Model;

namespace HvWeb.Engine.Vms;

/// <summary>
/// The VM service: the Hyper-V model on top of QEMU. One instance per host process. The REST API
/// and the pages both go through it. Methods throw <see cref="Errors.VmNotFoundException"/>,
/// <see cref="Errors.VmValidationException"/>, <see cref="Errors.VmStateException"/> or
/// <see cref="Errors.VmOperationException"/>.
/// </summary>
public interface IVmManager
{
    HostInfo Host { get; }

    IReadOnlyList<VmSnapshot> List();

    /// <exception cref="Errors.VmNotFoundException">unknown ID.</exception>
    VmSnapshot Get(Guid id);

    /// <summary>Everything <see cref="CreateAsync"/> checks before it writes anything (for an early 400).</summary>
    /// <exception cref="Errors.VmValidationException">what is wrong, field by field.</exception>
    void ValidateCreate(VmCreateRequest request);

    /// <summary>What <see cref="CreateAsync"/> would refuse, field by field; empty when nothing. The wizard checks as you type with it.</summary>
    IReadOnlyDictionary<string, string[]> CheckCreate(VmCreateRequest request);

    /// <summary>What <see cref="UpdateAsync"/> would refuse for this VM in its current state, field by field; empty when nothing.</summary>
    /// <exception cref="Errors.VmNotFoundException">unknown ID.</exception>
    IReadOnlyDictionary<string, string[]> CheckUpdate(Guid id, VmUpdateRequest request);

    Task<VmSnapshot> CreateAsync(VmCreateRequest request, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Rename, notes, memory, processors, DVD, boot order, automatic actions (some only when Off).</summary>
    Task<VmSnapshot> UpdateAsync(Guid id, VmUpdateRequest request, CancellationToken cancellationToken = default);

    /// <summary>Upgrade Configuration Version: to this host's highest version. One-way; only when the VM is Off.</summary>
    Task<VmSnapshot> UpgradeConfigurationVersionAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Removes the VM (Off or Saved only). Its disks are kept unless <paramref name="deleteDisks"/>.</summary>
    Task DeleteAsync(Guid id, bool deleteDisks, CancellationToken cancellationToken = default);

    /// <summary>Starts an Off VM, or resumes a Saved one from its state file.</summary>
    Task StartAsync(Guid id, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default);
    Task TurnOffAsync(Guid id, CancellationToken cancellationToken = default);
    /// <summary>Asks the guest to shut down (ACPI power button); returns once the request is sent.</summary>
    Task ShutDownAsync(Guid id, CancellationToken cancellationToken = default);
    Task SaveAsync(Guid id, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default);
    Task PauseAsync(Guid id, CancellationToken cancellationToken = default);
    Task ResumeAsync(Guid id, CancellationToken cancellationToken = default);
    Task ResetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>PNG of the VM's current screen (Running or Paused).</summary>
    Task<byte[]> ScreenshotPngAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The unix socket of the VM's VNC server (its screen), or null when no QEMU process runs.</summary>
    /// <exception cref="Errors.VmNotFoundException">unknown ID.</exception>
    string? GetVncSocket(Guid id);

    /// <summary>
    /// The current list plus a stream of changed VMs (a deleted VM arrives as <see cref="VmChange.Removed"/>).
    /// Dispose the subscription to stop it.
    /// </summary>
    VmSubscription Subscribe();
}
