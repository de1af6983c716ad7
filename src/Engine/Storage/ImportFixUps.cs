using HvWeb.Engine.Model;

namespace HvWeb.Engine.Storage;

/// <summary>What the fix-up detection needs to know of this host.</summary>
/// <param name="Switches">This host's virtual switch names.</param>
/// <param name="RegisteredName">The name of the VM registered with this ID, or null.</param>
public sealed record ImportHostView(IReadOnlyList<string> Switches, Func<Guid, string?> RegisteredName);

/// <summary>
/// Compare-VM without I/O: the fix-ups of a located VM for an import request, given the files as
/// found and this host's switches and registered VMs. The destination's checks (writable, free
/// space, files already there) are <see cref="ImportDestination"/>'s.
/// </summary>
public static class ImportFixUps
{
    /// <summary>The files the VM's records name: its drives and diskette, each checkpoint's frozen disks and memory state.</summary>
    public static IReadOnlyList<(string Recorded, ImportFileKind Kind, string Owner)> Referenced(ImportSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var vmOwner = $"VM '{source.Vm.Name}'";
        var list = new List<(string, ImportFileKind, string)>();
        foreach (var drive in source.Vm.Drives.Where(d => d.Path is { Length: > 0 }))
        {
            list.Add((drive.Path!, drive.Kind == DriveKind.HardDisk ? ImportFileKind.HardDisk : ImportFileKind.Media, vmOwner));
        }

        if (source.Vm.FloppyPath is { Length: > 0 } floppy)
        {
            list.Add((floppy, ImportFileKind.Media, vmOwner));
        }

        foreach (var checkpoint in source.Checkpoints.OrderBy(c => c.CreatedUtc))
        {
            var owner = $"checkpoint '{checkpoint.Name}'";
            list.AddRange(checkpoint.Disks.Select(d => (d.Path, ImportFileKind.HardDisk, owner)));
            if (checkpoint.SavedStateFile is { Length: > 0 } state)
            {
                list.Add((state, ImportFileKind.CheckpointState, owner));
            }
        }

        return [.. list.DistinctBy(x => (x.Item1, x.Item2))];
    }

    public static List<ImportFixUp> Detect(ImportSource source, ImportRequest request, IReadOnlyList<ImportFileRef> files, ImportHostView host)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(host);
        var vm = source.Vm;
        var fixUps = new List<ImportFixUp>();

        if (request.Type != ImportType.Copy && host.RegisteredName(vm.Id) is { } other)
        {
            fixUps.Add(new ImportFixUp(ImportFixUpKind.IdInUse, vm.Id.ToString("D"),
                $"A virtual machine with ID {vm.Id:D} ('{other}') is already registered on this host. Choose Copy to import it with a new ID, or delete the other VM first.",
                [], false));
        }

        if (!source.VersionSupported)
        {
            var supported = string.Join(", ", ConfigurationVersion.Supported);
            fixUps.Add(new ImportFixUp(ImportFixUpKind.UnsupportedVersion, "version",
                $"VM '{vm.Name}' has configuration version {source.Version}, which this host cannot run (it runs {supported}).", [], false));
        }

        var choices = (IReadOnlyList<string>)["", .. host.Switches.Order(StringComparer.OrdinalIgnoreCase)];
        foreach (var adapter in vm.NetworkAdapters.Where(a => a.SwitchName is { } name && !host.Switches.Contains(name, StringComparer.OrdinalIgnoreCase)))
        {
            var key = adapter.Id.ToString("D");
            var resolved = request.SwitchChoices is not null && request.SwitchChoices.TryGetValue(key, out var choice)
                && (choice.Length == 0 || host.Switches.Contains(choice, StringComparer.OrdinalIgnoreCase));
            fixUps.Add(new ImportFixUp(ImportFixUpKind.MissingSwitch, key,
                $"Could not find virtual switch '{adapter.SwitchName}': network adapter '{adapter.Name}' of VM '{vm.Name}' is connected to it. Connect the adapter to a switch of this host, or leave it Not Connected.",
                choices, resolved));
        }

        foreach (var file in files.Where(f => f.Missing || f.ByRequest))
        {
            var what = file.Kind switch
            {
                ImportFileKind.HardDisk => "virtual hard disk",
                ImportFileKind.BackingFile => "parent disk",
                ImportFileKind.CheckpointState => "memory state file",
                ImportFileKind.Media => "media file",
            };
            var todo = file.Kind == ImportFileKind.Media
                ? "Locate it (where it is now), or leave the drive empty."
                : "Locate it (where it is now).";
            var given = request.DiskLocations is not null && request.DiskLocations.TryGetValue(file.Recorded, out var at) ? at : null;
            var located = file switch
            {
                { Ejected: true } => " The drive is left empty.",
                { Found: { } found } => $" Located: '{found}'.",
                _ when given is { Length: > 0 } => $" '{given}' was given, but there is no such file.",
                _ => " " + todo,
            };
            fixUps.Add(new ImportFixUp(ImportFixUpKind.MissingDisk, file.Recorded,
                $"Could not find the {what} '{file.Recorded}' of {file.Owner}.{located}", [], !file.Missing, CanLeaveEmpty: file.Kind == ImportFileKind.Media));
        }

        foreach (var problem in source.Problems)
        {
            fixUps.Add(new ImportFixUp(ImportFixUpKind.Blocked, "checkpoints", problem, [], false));
        }

        return fixUps;
    }
}
