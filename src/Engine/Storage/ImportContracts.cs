using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;

namespace HvWeb.Engine.Storage;

/// <summary>Hyper-V's Choose Import Type.</summary>
public enum ImportType
{
    /// <summary>Register the virtual machine in-place (use the existing unique ID): the files stay where they are.</summary>
    RegisterInPlace,

    /// <summary>Restore the virtual machine (use the existing unique ID): the files are copied to the chosen folders.</summary>
    Restore,

    /// <summary>Copy the virtual machine (create a new unique ID): copied, new ID, new dynamic MAC addresses; importable again and again.</summary>
    Copy,
}

/// <summary>A VM found by Locate Folder (Select Virtual Machine shows name, ID and created).</summary>
public sealed record ImportCandidate(string ConfigFile, Guid Id, string Name, DateTimeOffset CreatedUtc, string Generation, string ConfigurationVersion, int Checkpoints);

/// <summary>What a fix-up is about (Hyper-V's Compare-VM incompatibilities).</summary>
public enum ImportFixUpKind
{
    /// <summary>A network adapter names a switch this host does not have. Resolve: <see cref="ImportRequest.SwitchChoices"/>[adapter ID] = a switch name or "" (Not Connected).</summary>
    MissingSwitch,

    /// <summary>A VM with this ID is registered. Not resolvable by a choice: choose Copy, or remove the other VM.</summary>
    IdInUse,

    /// <summary>This host cannot run the configuration version. Not resolvable here.</summary>
    UnsupportedVersion,

    /// <summary>A disk (of the VM or of a checkpoint) is not where the configuration says. Resolve: <see cref="ImportRequest.DiskLocations"/>[recorded path] = where it is now.</summary>
    MissingDisk,

    /// <summary>Another problem that blocks the import (the destination holds the files already, no space, not writable), with its reason.</summary>
    Blocked,
}

/// <summary>One fix-up found before anything is written.</summary>
/// <param name="Key">The adapter ID (MissingSwitch), the recorded disk path (MissingDisk), the VM ID (IdInUse), or the field name (Blocked).</param>
/// <param name="Message">Hyper-V-like sentence: what is wrong and what to do.</param>
/// <param name="Choices">For MissingSwitch: this host's switch names ("" = Not Connected first). Empty otherwise.</param>
/// <param name="Resolved">True when the request already resolves it (a choice made, a disk located).</param>
/// <param name="CanLeaveEmpty">MissingDisk of a DVD or diskette medium: <see cref="ImportRequest.DiskLocations"/>[Key] = "" leaves the drive empty.</param>
public sealed record ImportFixUp(ImportFixUpKind Kind, string Key, string Message, IReadOnlyList<string> Choices, bool Resolved, bool CanLeaveEmpty = false);

/// <summary>The Import wizard's answers.</summary>
/// <param name="ConfigFile">The located configuration (<see cref="ImportCandidate.ConfigFile"/>).</param>
/// <param name="VirtualMachineFolder">Restore / Copy: where the configuration goes (default: the host's default VM folder). The VM folder is &lt;this&gt;/&lt;VM name&gt; as for a new VM. Ignored for RegisterInPlace.</param>
/// <param name="CheckpointFolder">Restore / Copy: where checkpoints go (default: &lt;VM folder&gt;/Snapshots).</param>
/// <param name="SmartPagingFolder">Restore / Copy: the smart paging folder (default: the VM folder).</param>
/// <param name="DisksFolder">Restore / Copy: where the virtual hard disks go (default: the host's default disk folder or &lt;VM folder&gt;/Virtual Hard Disks).</param>
/// <param name="SwitchChoices">Adapter ID ("D" format) → switch name, or "" for Not Connected.</param>
/// <param name="DiskLocations">Recorded disk path → where the disk is now.</param>
public sealed record ImportRequest(
    string ConfigFile,
    ImportType Type,
    string? VirtualMachineFolder = null,
    string? CheckpointFolder = null,
    string? SmartPagingFolder = null,
    string? DisksFolder = null,
    IReadOnlyDictionary<string, string>? SwitchChoices = null,
    IReadOnlyDictionary<string, string>? DiskLocations = null);

/// <summary>The Compare-VM report: the VM as it would be imported and every fix-up.</summary>
/// <param name="CanImport">True when every fix-up is resolved.</param>
public sealed record ImportReport(ImportCandidate Vm, Guid ImportedId, IReadOnlyList<ImportFixUp> FixUps, bool CanImport, long BytesToCopy);

/// <summary>
/// Import Virtual Machine. Nothing is written before <see cref="ImportAsync"/>; a cancelled or failed
/// import removes its copies and registers nothing. Refusals: <see cref="Errors.VmValidationException"/>
/// (field → sentences), <see cref="Errors.VmStateException"/> (unresolved fix-ups, with the report's messages).
/// </summary>
public interface IImportService
{
    /// <summary>Locate Folder: the VMs under this folder (an export folder, a VM folder, or its "Virtual Machines" folder), newest first.</summary>
    /// <exception cref="Errors.VmValidationException">"folder": missing, not a folder, no VM found.</exception>
    IReadOnlyList<ImportCandidate> Locate(string folder);

    /// <summary>Compare-VM: the fix-ups for this request, before anything is written.</summary>
    Task<ImportReport> CompareAsync(ImportRequest request, CancellationToken cancellationToken);

    /// <summary>Copies (Restore, Copy) or registers in place; returns the registered VM (Off, or Saved when it was exported Saved).</summary>
    Task<VmSnapshot> ImportAsync(ImportRequest request, IProgress<OperationProgress> progress, CancellationToken cancellationToken);
}
