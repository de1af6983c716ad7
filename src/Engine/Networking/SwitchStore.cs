using System.Text.Json;
using System.Text.Json.Serialization;
using HvWeb.Engine.Errors;

namespace HvWeb.Engine.Networking;

/// <summary>
/// The host's virtual switches in <c>&lt;data root&gt;/switches.json</c>, written to a temporary file
/// and renamed over the old one so a crash never leaves half a file.
/// </summary>
public sealed class SwitchStore(string dataRoot)
{
    public const string FileName = "switches.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private string File => Path.Combine(dataRoot, FileName);

    public IReadOnlyList<VirtualSwitch> Load()
    {
        if (!System.IO.File.Exists(File))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<VirtualSwitch>>(System.IO.File.ReadAllText(File), Json) ?? [];
        }
        catch (JsonException e)
        {
            throw new VmOperationException($"The virtual switch configuration '{File}' cannot be read: {e.Message}");
        }
    }

    public void Save(IReadOnlyList<VirtualSwitch> switches)
    {
        Directory.CreateDirectory(dataRoot);
        var temporary = File + ".tmp";
        System.IO.File.WriteAllText(temporary, JsonSerializer.Serialize(switches, Json));
        System.IO.File.Move(temporary, File, overwrite: true);
    }
}
