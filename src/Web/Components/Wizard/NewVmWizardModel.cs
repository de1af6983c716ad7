using HvWeb.Engine.Model;
using HvWeb.Engine.Vms;

namespace HvWeb.Web.Components.Wizard;

/// <summary>
/// What the wizard's pages ask, with Hyper-V's defaults, turned into the same
/// <see cref="VmCreateRequest"/> as POST /vms. Each page names the request fields it owns, so the
/// engine's sentences (<see cref="IVmManager.CheckCreate"/>) are shown on the page whose field they
/// name. No UI here: the pages bind to it and bUnit and unit tests drive it.
/// </summary>
public sealed class NewVmWizardModel
{
    public const string DefaultName = "New Virtual Machine";
    public const int DefaultMemoryMb = 1024;
    /// <summary>Hyper-V's default new disk: 127 GB, dynamically expanding.</summary>
    public const int DefaultDiskSizeGb = 127;
    public const string DiskExtension = ".qcow2";

    private string _name = DefaultName;
    private string? _diskName;
    private string? _diskLocation;

    /// <param name="defaultVmFolder">Hyper-V Settings' Virtual Machines folder.</param>
    /// <param name="defaultDiskFolder">Hyper-V Settings' Virtual Hard Disks folder; null = each VM's own folder.</param>
    public NewVmWizardModel(string defaultVmFolder, string? defaultDiskFolder)
    {
        DefaultVmFolder = defaultVmFolder;
        DefaultDiskFolder = defaultDiskFolder;
        Location = defaultVmFolder;
    }

    public string DefaultVmFolder { get; }

    public string? DefaultDiskFolder { get; }

    public string Name
    {
        get => _name;
        set => _name = value ?? "";
    }

    /// <summary>"Store the virtual machine in a different location".</summary>
    public bool StoreElsewhere { get; set; }

    public string Location { get; set; }

    /// <summary>Hyper-V 2016's wizard selects Generation 1.</summary>
    public VmGeneration Generation { get; set; } = VmGeneration.One;

    public string Version { get; set; } = ConfigurationVersion.Default.ToString();

    public int MemoryStartupMb { get; set; } = DefaultMemoryMb;

    public bool DynamicMemory { get; set; }

    public DiskChoice Disk { get; set; } = DiskChoice.Create;

    /// <summary>Follows the VM's name ("&lt;name&gt;.qcow2") until the user types another.</summary>
    public string DiskName
    {
        get => _diskName ?? Name.Trim() + DiskExtension;
        set => _diskName = value == Name.Trim() + DiskExtension ? null : value ?? "";
    }

    /// <summary>Follows the VM's location until the user types another (as in Hyper-V).</summary>
    public string DiskLocation
    {
        get => _diskLocation ?? DefaultDiskLocation;
        set => _diskLocation = value == DefaultDiskLocation ? null : value ?? "";
    }

    public string DefaultDiskLocation => !StoreElsewhere && DefaultDiskFolder is not null
        ? DefaultDiskFolder
        : Path.Combine(EffectiveLocation, Name.Trim(), "Virtual Hard Disks");

    public int DiskSizeGb { get; set; } = DefaultDiskSizeGb;

    public string ExistingDiskPath { get; set; } = "";

    /// <summary>
    /// "Convert to qcow2 (recommended)" for an existing .vhdx / .vhd: the create job copies it into a
    /// qcow2 in the VM's folder (the original stays), since a VM runs from qcow2 here.
    /// </summary>
    public bool ConvertExistingToQcow2 { get; set; } = true;

    /// <summary>The existing disk is a Hyper-V one (.vhdx or .vhd).</summary>
    public bool ExistingIsHyperVDisk =>
        Path.GetExtension(ExistingDiskPath.Trim()).ToLowerInvariant() is ".vhdx" or ".vhd";

    /// <summary>
    /// "Copy the disk into the virtual machine's folder" for an existing qcow2 (off: attached where it
    /// is). A .vhdx / .vhd that is converted is always a copy.
    /// </summary>
    public bool CopyExisting { get; set; }

    /// <summary>The create job copies the existing disk into the VM's folder (a qcow2 copied, a .vhdx / .vhd converted).</summary>
    public bool CopiesExisting => Disk == DiskChoice.UseExisting && (ExistingIsHyperVDisk ? ConvertExistingToQcow2 : CopyExisting);

    /// <summary>Shown (and in docs/storage.md) whenever an existing disk is copied.</summary>
    public const string SidWarning =
        "A copy of a disk with Windows installed has the same security identifiers (SIDs) as the original; run sysprep /generalize in the original before copying it for more than one VM.";

    public InstallChoice Install { get; set; } = InstallChoice.Later;

    public string IsoPath { get; set; } = "";

    /// <summary>Configure Networking: the virtual switch by name; "" = Not Connected.</summary>
    public string SwitchName { get; set; } = "";

    private string EffectiveLocation => StoreElsewhere ? Location.Trim() : DefaultVmFolder;

    /// <summary>The request Finish sends (only the chosen options).</summary>
    public VmCreateRequest ToRequest() => new()
    {
        Name = Name,
        Generation = Generation,
        Version = Version,
        MemoryStartupMb = MemoryStartupMb,
        DynamicMemoryEnabled = DynamicMemory,
        Location = StoreElsewhere ? NullIfBlank(Location) : null,
        SwitchName = NullIfBlank(SwitchName),
        NewDiskSizeGb = Disk == DiskChoice.Create ? DiskSizeGb : null,
        NewDiskType = NewDiskType.Dynamic,
        NewDiskName = Disk == DiskChoice.Create && _diskName is not null ? NullIfBlank(_diskName) : null,
        NewDiskLocation = Disk == DiskChoice.Create && _diskLocation is not null ? NullIfBlank(_diskLocation) : null,
        ExistingDiskPath = Disk == DiskChoice.UseExisting && !CopiesExisting ? NullIfBlank(ExistingDiskPath) : null,
        CopyDiskFrom = CopiesExisting ? NullIfBlank(ExistingDiskPath) : null,
        IsoPath = Install == InstallChoice.FromImageFile ? NullIfBlank(IsoPath) : null,
        InstallFromNetwork = Install == InstallChoice.FromNetwork,
    };

    /// <summary>The request fields (camelCase, as in the API) each page answers for.</summary>
    public static IReadOnlyList<string> FieldsOf(WizardPage page) => page switch
    {
        WizardPage.BeforeYouBegin => [],
        WizardPage.NameAndLocation => ["name", "location"],
        WizardPage.Generation => ["generation"],
        WizardPage.ConfigurationVersion => ["version"],
        WizardPage.Memory => ["memoryStartupMb", "dynamicMemoryEnabled", "memoryMinimumMb", "memoryMaximumMb", "processorCount"],
        WizardPage.Networking => ["switchName", "networkAdapters"],
        WizardPage.VirtualHardDisk => ["newDiskName", "newDiskLocation", "newDiskSizeGb", "newDiskType", "existingDiskPath", "copyDiskFrom"],
        WizardPage.InstallationOptions => ["isoPath", "installFromNetwork", "bootOrder"],
        WizardPage.Summary => [],
    };

    /// <summary>
    /// Every problem, field → sentences: the engine's (the same rules the server applies on
    /// Finish) plus what only the wizard asks (a path typed for the option chosen).
    /// </summary>
    public Dictionary<string, string[]> Check(IVmManager vms)
    {
        var errors = new Dictionary<string, string[]>(vms.CheckCreate(ToRequest()));
        if (StoreElsewhere && string.IsNullOrWhiteSpace(Location))
        {
            Add(errors, "location", "Type the folder to store the virtual machine in, or clear \"Store the virtual machine in a different location\".");
        }

        if (Disk == DiskChoice.Create)
        {
            if (string.IsNullOrWhiteSpace(DiskName))
            {
                Add(errors, "newDiskName", "Type a name for the virtual hard disk.");
            }

            // The name's form, the folder being absolute and an existing disk's presence are the
            // server's rules (CheckCreate above); only what the request cannot say is checked here.
            if (string.IsNullOrWhiteSpace(DiskLocation))
            {
                Add(errors, "newDiskLocation", "Type the folder for the virtual hard disk.");
            }
        }

        if (Disk == DiskChoice.UseExisting)
        {
            if (string.IsNullOrWhiteSpace(ExistingDiskPath))
            {
                Add(errors, "existingDiskPath", "Type the path of an existing virtual hard disk.");
            }
        }

        if (Install == InstallChoice.FromImageFile && string.IsNullOrWhiteSpace(IsoPath))
        {
            Add(errors, "isoPath", "Type the path of a bootable image file (.iso).");
        }

        return errors;
    }

    /// <summary>The sentences that belong on <paramref name="page"/>; the Summary shows every one.</summary>
    public static IEnumerable<string> ErrorsOn(WizardPage page, IReadOnlyDictionary<string, string[]> errors) =>
        page == WizardPage.Summary
            ? errors.SelectMany(e => e.Value)
            : FieldsOf(page).SelectMany(f => errors.GetValueOrDefault(f) ?? []);

    /// <summary>A page can be left with Next when none of its fields has a problem (Summary: none at all).</summary>
    public static bool IsValid(WizardPage page, IReadOnlyDictionary<string, string[]> errors) => !ErrorsOn(page, errors).Any();

    /// <summary>The Summary's rows, in Hyper-V's words.</summary>
    public IReadOnlyList<(string Label, string Value)> Summary() =>
    [
        ("Name", Name),
        ("Location", StoreElsewhere ? Location : $"{DefaultVmFolder} (default)"),
        ("Generation", Generation == VmGeneration.One ? "Generation 1" : "Generation 2"),
        ("Configuration Version", Version),
        ("Memory", $"{MemoryStartupMb} MB"),
        ("Dynamic Memory", DynamicMemory ? "Enabled" : "Disabled"),
        ("Network", "Not Connected"),
        ("Hard Disk", Disk switch
        {
            DiskChoice.Create => $"{Path.Combine(DiskLocation, DiskName)} ({DiskSizeGb} GB, dynamically expanding)",
            DiskChoice.UseExisting => CopiesExisting ? $"A copy of {ExistingDiskPath} in the virtual machine's folder" : ExistingDiskPath,
            DiskChoice.AttachLater => "Attach a virtual hard disk later",
        }),
        ("Operating System", Install switch
        {
            InstallChoice.Later => "Will be installed at a later time",
            InstallChoice.FromImageFile => $"Will be installed from {IsoPath}",
            InstallChoice.FromNetwork => "Will be installed from a network-based installation server",
        }),
    ];

    private static string? NullIfBlank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void Add(Dictionary<string, string[]> errors, string field, string sentence) =>
        errors[field] = [.. errors.GetValueOrDefault(field) ?? [], sentence];
}
