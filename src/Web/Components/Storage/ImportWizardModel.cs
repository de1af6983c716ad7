using HvWeb.Engine.Storage;

namespace HvWeb.Web.Components.Storage;

/// <summary>The Import Virtual Machine wizard's pages, in Hyper-V's order.</summary>
public enum ImportPage
{
    LocateFolder,
    SelectVirtualMachine,
    ChooseImportType,
    ChooseFolders,
    ConnectNetwork,
    LocateVirtualHardDisks,
    Summary,
}

/// <summary>
/// The Import wizard's answers and which pages apply: Choose Folders only for Restore and Copy,
/// Connect Network and Locate Virtual Hard Disks only when Compare-VM reported a missing switch or
/// disk. IdInUse, UnsupportedVersion and Blocked cannot be fixed by a choice: they block Next.
/// </summary>
public sealed class ImportWizardModel(string defaultVmFolder, string? defaultDisksFolder)
{
    public string Folder { get; set; } = "";

    public IReadOnlyList<ImportCandidate> Candidates { get; set; } = [];

    public ImportCandidate? Selected { get; set; }

    public ImportType Type { get; set; } = ImportType.RegisterInPlace;

    public string VirtualMachineFolder { get; set; } = defaultVmFolder;

    /// <summary>Empty: &lt;VM folder&gt;/Snapshots.</summary>
    public string CheckpointFolder { get; set; } = "";

    /// <summary>Empty: the VM folder.</summary>
    public string SmartPagingFolder { get; set; } = "";

    /// <summary>Empty: Hyper-V Settings' Virtual Hard Disks folder, or &lt;VM folder&gt;/Virtual Hard Disks.</summary>
    public string DisksFolder { get; set; } = defaultDisksFolder ?? "";

    /// <summary>Adapter ID → switch name ("" = Not Connected).</summary>
    public Dictionary<string, string> SwitchChoices { get; } = [];

    /// <summary>Recorded path → where the file is now.</summary>
    public Dictionary<string, string> DiskLocations { get; } = [];

    /// <summary>Recorded media paths whose drive the import leaves empty ("Leave the drive empty").</summary>
    public HashSet<string> EmptyDrives { get; } = [];

    /// <summary>The last Compare-VM report (null until the import type is chosen).</summary>
    public ImportReport? Report { get; set; }

    public bool CopiesFiles => Type != ImportType.RegisterInPlace;

    public IEnumerable<ImportFixUp> FixUps(ImportFixUpKind kind) => Report?.FixUps.Where(f => f.Kind == kind) ?? [];

    /// <summary>What no choice in the wizard can fix (choose another type or folder, or act outside).</summary>
    public IReadOnlyList<ImportFixUp> Blocking =>
        [.. Report?.FixUps.Where(f => !f.Resolved && f.Kind is ImportFixUpKind.IdInUse or ImportFixUpKind.UnsupportedVersion or ImportFixUpKind.Blocked) ?? []];

    public IReadOnlyList<ImportPage> Pages
    {
        get
        {
            var pages = new List<ImportPage> { ImportPage.LocateFolder, ImportPage.SelectVirtualMachine, ImportPage.ChooseImportType };
            if (CopiesFiles)
            {
                pages.Add(ImportPage.ChooseFolders);
            }

            if (FixUps(ImportFixUpKind.MissingSwitch).Any())
            {
                pages.Add(ImportPage.ConnectNetwork);
            }

            if (FixUps(ImportFixUpKind.MissingDisk).Any())
            {
                pages.Add(ImportPage.LocateVirtualHardDisks);
            }

            pages.Add(ImportPage.Summary);
            return pages;
        }
    }

    public static string Title(ImportPage page) => page switch
    {
        ImportPage.LocateFolder => "Locate Folder",
        ImportPage.SelectVirtualMachine => "Select Virtual Machine",
        ImportPage.ChooseImportType => "Choose Import Type",
        ImportPage.ChooseFolders => "Choose Folders for Virtual Machine Files",
        ImportPage.ConnectNetwork => "Connect Network",
        ImportPage.LocateVirtualHardDisks => "Locate Virtual Hard Disks",
        ImportPage.Summary => "Summary",
    };

    /// <summary>Hyper-V's three choices, with their texts.</summary>
    public static string TypeLabel(ImportType type) => type switch
    {
        ImportType.RegisterInPlace => "Register the virtual machine in-place (use the existing unique ID)",
        ImportType.Restore => "Restore the virtual machine (use the existing unique ID)",
        ImportType.Copy => "Copy the virtual machine (create a new unique ID)",
    };

    public static string TypeHelp(ImportType type) => type switch
    {
        ImportType.RegisterInPlace => "The files stay where they are; the virtual machine keeps its ID. Its configuration is rewritten there with absolute paths.",
        ImportType.Restore => "The files are copied to the folders you choose next; the virtual machine keeps its ID.",
        ImportType.Copy => "The files are copied to the folders you choose next; the virtual machine gets a new ID and new dynamic MAC addresses, so the same files can be imported again and again.",
    };

    /// <summary>The request these answers make (empty folders = the defaults).</summary>
    public ImportRequest ToRequest() => new(
        Selected?.ConfigFile ?? "",
        Type,
        CopiesFiles ? Blank(VirtualMachineFolder) : null,
        CopiesFiles ? Blank(CheckpointFolder) : null,
        CopiesFiles ? Blank(SmartPagingFolder) : null,
        CopiesFiles ? Blank(DisksFolder) : null,
        SwitchChoices.Count == 0 ? null : new Dictionary<string, string>(SwitchChoices),
        Locations());

    /// <summary>Media left empty are sent as "" (the drive is emptied); other blank boxes are not sent.</summary>
    private Dictionary<string, string>? Locations()
    {
        var locations = DiskLocations.Where(l => l.Value.Trim().Length > 0).ToDictionary(l => l.Key, l => l.Value.Trim());
        foreach (var key in EmptyDrives)
        {
            locations[key] = "";
        }

        return locations.Count == 0 ? null : locations;
    }

    /// <summary>Each missing switch starts on Not Connected (Hyper-V's default choice).</summary>
    public void DefaultSwitchChoices()
    {
        foreach (var fixUp in FixUps(ImportFixUpKind.MissingSwitch))
        {
            SwitchChoices.TryAdd(fixUp.Key, "");
        }
    }

    public IEnumerable<(string Label, string Value)> Summary()
    {
        if (Selected is null)
        {
            yield break;
        }

        yield return ("Virtual machine", Selected.Name);
        yield return ("ID", Type == ImportType.Copy ? "A new ID (given when it is imported)" : Selected.Id.ToString("D"));
        yield return ("Import type", TypeLabel(Type));
        yield return ("Import from", Selected.ConfigFile);
        if (CopiesFiles)
        {
            yield return ("Virtual machine folder", Path.Combine(VirtualMachineFolder, Selected.Name));
            yield return ("Checkpoint folder", Blank(CheckpointFolder) ?? "(the virtual machine folder's Snapshots)");
            yield return ("Smart paging folder", Blank(SmartPagingFolder) ?? "(the virtual machine folder)");
            yield return ("Virtual hard disks folder", Blank(DisksFolder) ?? "(the virtual machine folder's Virtual Hard Disks)");
            yield return ("Bytes to copy", $"{(Report?.BytesToCopy ?? 0) / (1024.0 * 1024):0.#} MB");
        }

        foreach (var (adapter, choice) in SwitchChoices)
        {
            yield return ($"Network adapter {adapter}", choice.Length == 0 ? "Not Connected" : choice);
        }

        foreach (var (recorded, location) in DiskLocations.Where(l => l.Value.Trim().Length > 0 && !EmptyDrives.Contains(l.Key)))
        {
            yield return ($"File '{recorded}'", location);
        }

        foreach (var recorded in EmptyDrives)
        {
            yield return ($"File '{recorded}'", "(the drive is left empty)");
        }
    }

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
