using HvWeb.Engine.Errors;
using HvWeb.Engine.Events;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using Microsoft.Extensions.Logging;

namespace HvWeb.Engine.Vms;

/// <summary>Create, change and delete VMs (New-VM, Set-VM, Remove-VM).</summary>
public sealed partial class VmManager
{
    private const long BytesPerGb = 1024L * 1024 * 1024;

    public void ValidateCreate(VmCreateRequest request)
    {
        Validator.ValidateCreate(request);
        if (NewDiskPath(request) is { } disk && File.Exists(disk))
        {
            throw VmValidationException.For("newDiskName", $"A disk '{disk}' already exists; choose another name or location (nothing was overwritten).");
        }
    }

    public IReadOnlyDictionary<string, string[]> CheckCreate(VmCreateRequest request)
    {
        try
        {
            ValidateCreate(request);
            return new Dictionary<string, string[]>();
        }
        catch (VmValidationException e)
        {
            return e.Errors;
        }
    }

    public Task<VmSnapshot> UpgradeConfigurationVersionAsync(Guid id, CancellationToken cancellationToken = default) =>
        RunExclusiveAsync(id, VmOperation.ChangeHardware, "Upgrading configuration version", async e =>
        {
            var old = e.Definition;
            var target = ConfigurationVersion.Supported[^1];
            if (old.Version >= target)
            {
                throw VmValidationException.For("version", $"VM '{old.Name}' already has configuration version {old.Version}, the highest this host supports.");
            }

            var updated = old with { Version = target };
            SaveDefinition(e, updated);
            await _journal.InfoAsync(updated, $"The configuration version of VM '{updated.Name}' was upgraded from {old.Version} to {target}.", HostEvent.ManagementSource).ConfigureAwait(false);
            return e.ToSnapshot(_time.GetUtcNow());
        }, checkState: true);

    private string FolderFor(VmCreateRequest request) => Path.Combine(request.Location ?? DefaultVmFolder, request.Name);

    private string? NewDiskPath(VmCreateRequest request) =>
        request.NewDiskSizeGb is not null || request.CopyDiskFrom is not null
            ? Path.Combine(request.NewDiskLocation ?? DefaultDiskFolder(request), request.NewDiskName ?? request.Name + ".qcow2")
            : null;

    /// <summary>Hyper-V Settings' Virtual Hard Disks folder, unless the VM is stored in its own location (then beside it).</summary>
    private string DefaultDiskFolder(VmCreateRequest request) =>
        request.Location is null && _hostSettings?.Current.VirtualHardDisksFolder is { } folder
            ? folder
            : Path.Combine(FolderFor(request), VmPaths.DisksFolderName);

    public async Task<VmSnapshot> CreateAsync(VmCreateRequest request, IProgress<OperationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ValidateCreate(request);
        var id = Guid.NewGuid();
        var folder = FolderFor(request);
        var generation = request.Generation;
        var diskController = generation == VmGeneration.One ? ControllerType.Ide : ControllerType.Scsi;
        var drives = new List<DriveDefinition>();
        var diskPath = NewDiskPath(request);
        if ((diskPath ?? request.ExistingDiskPath) is { } attached)
        {
            drives.Add(new DriveDefinition { Controller = diskController, ControllerNumber = 0, Location = 0, Kind = DriveKind.HardDisk, Path = attached });
        }

        // Gen 1: DVD on IDE 1:0 as Hyper-V does; gen 2: the next SCSI location.
        drives.Add(generation == VmGeneration.One
            ? new DriveDefinition { Controller = ControllerType.Ide, ControllerNumber = 1, Location = 0, Kind = DriveKind.Dvd, Path = request.IsoPath }
            : new DriveDefinition { Controller = ControllerType.Scsi, ControllerNumber = 0, Location = 1, Kind = DriveKind.Dvd, Path = request.IsoPath });

        var vm = new VmDefinition
        {
            Id = id,
            Name = request.Name,
            Notes = request.Notes,
            Generation = generation,
            MachineType = _machineTypes.GetValueOrDefault(MachineTypes.AliasOf(generation)),
            Version = request.Version is null ? ConfigurationVersion.Default : ConfigurationVersion.TryParse(request.Version, out var v) ? v.Value : ConfigurationVersion.Default,
            // Production checkpoints need 6.2; an older version gets Standard, as on Hyper-V.
            CheckpointType = request.Version is not null && ConfigurationVersion.TryParse(request.Version, out var cv) && cv.Value < Settings.VersionGates.ProductionCheckpoints
                ? CheckpointType.Standard
                : CheckpointType.Production,
            MemoryStartupMb = request.MemoryStartupMb,
            DynamicMemoryEnabled = request.DynamicMemoryEnabled,
            MemoryMinimumMb = Math.Min(DefaultMinimumMemoryMb, request.MemoryStartupMb),
            ProcessorCount = request.ProcessorCount,
            ScsiControllerCount = generation == VmGeneration.One ? 0 : 1,
            Drives = drives,
            // Like New-VM: one network adapter, connected to the chosen switch or Not Connected.
            NetworkAdapters = [new NetworkAdapterDefinition { Id = Guid.NewGuid(), SwitchName = request.SwitchName }],
            BootOrder = request.BootOrder ?? (request.InstallFromNetwork ? NetworkFirst(DefaultBootOrder(generation)) : DefaultBootOrder(generation)),
            AutomaticStartAction = request.AutomaticStartAction ?? AutomaticStartAction.StartIfRunning,
            AutomaticStartDelaySeconds = request.AutomaticStartDelaySeconds ?? 0,
            AutomaticStopAction = request.AutomaticStopAction ?? AutomaticStopAction.Save,
            CreatedUtc = _time.GetUtcNow(),
            Folder = folder,
        };

        var created = new List<string>();
        try
        {
            foreach (var dir in new[] { folder, Path.GetDirectoryName(VmPaths.ConfigFile(vm))!, VmPaths.RuntimeFolder(vm), VmPaths.DisksFolder(vm), VmPaths.SnapshotsFolder(vm), Path.GetDirectoryName(diskPath) ?? folder })
            {
                if (!Directory.Exists(dir))
                {
                    Directory.CreateDirectory(dir);
                    created.Add(dir);
                }
            }

            if (diskPath is not null)
            {
                // Written under a ".partial" name and renamed when complete, so a crash mid-way
                // never leaves a disk that looks whole.
                var partial = diskPath + ".partial";
                File.Delete(partial);
                created.Add(partial);
                if (request.CopyDiskFrom is { } source)
                {
                    progress?.Report(new OperationProgress(5, $"Copying '{source}'"));
                    await _disks.CopyAsync(source, partial, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var size = request.NewDiskSizeGb!.Value * BytesPerGb;
                    var create = _disks.CreateAsync(partial, size, request.NewDiskType, cancellationToken);
                    await ReportFileGrowthAsync(create, partial, size, progress).ConfigureAwait(false);
                }

                File.Move(partial, diskPath);
                created.Add(diskPath);
            }

            if (generation == VmGeneration.Two)
            {
                File.Copy(_options.OvmfVars, VmPaths.FirmwareVarsFile(vm));
                created.Add(VmPaths.FirmwareVarsFile(vm));
            }

            VmConfigStore.Save(vm);
            created.Add(VmPaths.ConfigFile(vm));
            _store.Register(vm);
        }
        catch (Exception e)
        {
            RemoveCreated(created);
            if (e is OperationCanceledException)
            {
                await _journal.InfoAsync(vm, $"Creating VM '{vm.Name}' was cancelled; what it had written was removed.", HostEvent.ManagementSource).ConfigureAwait(false);
            }
            else
            {
                await _journal.ErrorAsync(vm, $"Creating VM '{vm.Name}' failed: {e.Message}", HostEvent.ManagementSource).ConfigureAwait(false);
            }

            if (e is OperationCanceledException or VmValidationException)
            {
                throw;
            }

            throw new VmOperationException($"Creating VM '{vm.Name}' failed: {e.Message}", e);
        }

        progress?.Report(new OperationProgress(100, "Created"));
        _vms[id] = new VmEntry(vm, VmState.Off);
        await _journal.InfoAsync(vm, $"VM '{vm.Name}' was created in '{folder}'.", HostEvent.ManagementSource).ConfigureAwait(false);
        Publish(id);
        return Get(id);
    }

    /// <summary>
    /// While a fixed disk is written, reports the share of it really allocated on disk (qemu-img
    /// sets the file's length first, so only the allocated size tells how far it is); a dynamic
    /// disk is done at once.
    /// </summary>
    private async Task ReportFileGrowthAsync(Task work, string file, long size, IProgress<OperationProgress>? progress)
    {
        var step = $"Creating '{Path.GetFileName(file)}'";
        while (progress is not null && await Task.WhenAny(work, Task.Delay(TimeSpan.FromMilliseconds(500), _time)).ConfigureAwait(false) != work)
        {
            var written = await AllocatedBytesAsync(file).ConfigureAwait(false);
            progress.Report(new OperationProgress(5 + (int)(90 * Math.Min(1.0, written / (double)size)), step));
        }

        await work.ConfigureAwait(false);
    }

    /// <summary>Bytes the file occupies on disk (<c>du -B1</c>), 0 when it cannot be read.</summary>
    private static async Task<long> AllocatedBytesAsync(string file)
    {
        try
        {
            var result = await ProcessRunner.RunAsync("du", ["-B1", "--", file], TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false);
            var first = result.StandardOutput.Split('\t', 2)[0];
            return result.ExitCode == 0 && long.TryParse(first, out var bytes) ? bytes : 0;
        }
        catch (Exception e) when (e is IOException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            return 0;
        }
    }

    /// <summary>Hyper-V's default minimum memory with dynamic memory (lower when startup is lower).</summary>
    private const int DefaultMinimumMemoryMb = 512;

    private static List<BootDevice> NetworkFirst(List<BootDevice> order) => [BootDevice.Network, .. order.Where(d => d != BootDevice.Network)];

    private static List<BootDevice> DefaultBootOrder(VmGeneration generation) => generation == VmGeneration.One
        ? [BootDevice.Cd, BootDevice.HardDrive, BootDevice.Network, BootDevice.Floppy]
        : [BootDevice.HardDrive, BootDevice.Cd, BootDevice.Network];

    /// <summary>Removes what a failed create made, newest first (files, then folders it created and left empty).</summary>
    private void RemoveCreated(List<string> created)
    {
        for (var i = created.Count - 1; i >= 0; i--)
        {
            try
            {
                if (File.Exists(created[i]))
                {
                    File.Delete(created[i]);
                }
                else if (Directory.Exists(created[i]) && !Directory.EnumerateFileSystemEntries(created[i]).Any())
                {
                    Directory.Delete(created[i]);
                }
            }
            catch (IOException e)
            {
                _logger.LogWarning(e, "Could not remove {Path} after a failed create", created[i]);
            }
        }
    }

    private void SaveDefinition(VmEntry entry, VmDefinition updated)
    {
        VmConfigStore.Save(updated);
        lock (entry.Sync)
        {
            entry.Definition = updated;
        }

        Publish(updated.Id);
    }

    public Task DeleteAsync(Guid id, bool deleteDisks, CancellationToken cancellationToken = default) =>
        RunExclusiveAsync(id, VmOperation.Delete, "Deleting", async entry =>
        {
            var vm = entry.Definition;
            _store.Unregister(vm);
            _vms.TryRemove(id, out _);
            DeleteQuietly(VmPaths.ConfigFile(vm));
            DeleteFolderQuietly(VmPaths.RuntimeFolder(vm));
            var kept = new List<string>();
            foreach (var disk in vm.Drives.Where(d => d.Kind == DriveKind.HardDisk && d.Path is not null))
            {
                if (deleteDisks)
                {
                    DeleteQuietly(disk.Path!);
                }
                else
                {
                    kept.Add(disk.Path!);
                }
            }

            foreach (var dir in new[] { VmPaths.SnapshotsFolder(vm), VmPaths.DisksFolder(vm), Path.GetDirectoryName(VmPaths.ConfigFile(vm))!, vm.Folder })
            {
                if (Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any())
                {
                    Directory.Delete(dir);
                }
            }

            var disks = kept.Count == 0 ? "" : $" Its disks were kept: {string.Join(", ", kept)}.";
            await _journal.InfoAsync(vm, $"VM '{vm.Name}' was deleted.{disks}", HostEvent.ManagementSource).ConfigureAwait(false);
            Publish(id);
        });

    private void DeleteQuietly(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException e)
        {
            _logger.LogWarning(e, "Could not delete {File}", file);
        }
    }

    private void DeleteFolderQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException e)
        {
            _logger.LogWarning(e, "Could not delete {Folder}", folder);
        }
    }
}
