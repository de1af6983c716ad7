using System.Globalization;
using HvWeb.Engine.Disks;

namespace HvWeb.Web.Components.Disks;

/// <summary>The New Virtual Hard Disk Wizard's pages, in Hyper-V's order.</summary>
public enum NewDiskPage
{
    ChooseFormat,
    ChooseType,
    NameAndLocation,
    ConfigureDisk,
    Summary,
}

/// <summary>The wizard's answers and the mapping of the engine's field errors to its pages.</summary>
public sealed class NewDiskWizardModel(string defaultFolder)
{
    public DiskFormat Format { get; set; } = DiskFormat.Vhdx;
    public VirtualDiskType Type { get; set; } = VirtualDiskType.Dynamic;
    public string Name { get; set; } = "New Virtual Hard Disk.vhdx";
    public string Location { get; set; } = defaultFolder;
    public bool CopyContents { get; set; }
    public string CopyFromPath { get; set; } = "";
    public string ParentPath { get; set; } = "";
    /// <summary>Size in GB as typed (decimal allowed: 0.5 = 512 MB).</summary>
    public decimal? SizeGb { get; set; } = 127;

    public static string Title(NewDiskPage page) => page switch
    {
        NewDiskPage.ChooseFormat => "Choose Disk Format",
        NewDiskPage.ChooseType => "Choose Disk Type",
        NewDiskPage.NameAndLocation => "Specify Name and Location",
        NewDiskPage.ConfigureDisk => "Configure Disk",
        _ => "Summary",
    };

    /// <summary>Keeps the name's extension in step with the chosen format ("Disk.vhdx" → "Disk.vhd").</summary>
    public void FormatChanged()
    {
        var stem = Path.GetFileNameWithoutExtension(Name);
        Name = (stem.Length == 0 ? "New Virtual Hard Disk" : stem) + DiskFormats.Extension(Format);
        if (Type == VirtualDiskType.Differencing && Format != DiskFormat.Qcow2)
        {
            Type = VirtualDiskType.Dynamic;
        }
    }

    public string FullPath => Location.Length == 0 ? Name : Path.Combine(Location, Name);

    public NewDiskRequest ToRequest() => new()
    {
        Path = FullPath,
        Format = Format,
        Type = Type,
        SizeBytes = Type == VirtualDiskType.Differencing || CopyContents ? null : Bytes(SizeGb),
        CopyFromPath = Type != VirtualDiskType.Differencing && CopyContents ? NullIfBlank(CopyFromPath) ?? "" : null,
        ParentPath = Type == VirtualDiskType.Differencing ? NullIfBlank(ParentPath) ?? "" : null,
    };

    private static long? Bytes(decimal? gb) =>
        gb is { } value ? (long)Math.Round(value * 1024m, MidpointRounding.AwayFromZero) * DiskFormats.MiB : null;

    private static string? NullIfBlank(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The page on which a field is answered.</summary>
    public static NewDiskPage PageOf(string field) => field switch
    {
        "format" => NewDiskPage.ChooseFormat,
        "type" => NewDiskPage.ChooseType,
        "path" => NewDiskPage.NameAndLocation,
        _ => NewDiskPage.ConfigureDisk,
    };

    public static bool IsValid(NewDiskPage page, IReadOnlyDictionary<string, string[]> errors) =>
        !errors.Keys.Any(field => PageOf(field) <= page);

    public static IEnumerable<string> ErrorsOn(NewDiskPage page, IReadOnlyDictionary<string, string[]> errors) =>
        errors.Where(e => PageOf(e.Key) == page).SelectMany(e => e.Value);

    public IEnumerable<(string Label, string Value)> Summary()
    {
        yield return ("Format", DiskFormats.Label(Format));
        yield return ("Type", TypeLabel(Type));
        yield return ("Name", Name);
        yield return ("Location", Location);
        if (Type == VirtualDiskType.Differencing)
        {
            yield return ("Parent", ParentPath);
        }
        else if (CopyContents)
        {
            yield return ("Copy contents of", CopyFromPath);
        }
        else
        {
            // In MB below 1 GB: "0.063 GB" for 64 MB would round what the disk will be.
            yield return ("Size", Bytes(SizeGb) is { } bytes ? InspectDiskDialog.Size(bytes) : "");
        }
    }

    public static string TypeLabel(VirtualDiskType type) => type switch
    {
        VirtualDiskType.Fixed => "Fixed size",
        VirtualDiskType.Dynamic => "Dynamically expanding",
        _ => "Differencing",
    };
}
