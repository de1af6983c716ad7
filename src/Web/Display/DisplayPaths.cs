namespace HvWeb.Web.Display;

public static class DisplayPaths
{
    /// <summary>The display hub (SignalR, MessagePack only).</summary>
    public const string Hub = "/hubs/display";

    /// <summary>The console page of a VM.</summary>
    public static string Console(Guid vmId, bool readOnly = false) => $"/vms/{vmId:D}/console{(readOnly ? "?readOnly=true" : "")}";

    /// <summary>A small JPEG of a VM's screen (REST API).</summary>
    public static string Thumbnail(Guid vmId, int width) => $"/api/v1/vms/{vmId:D}/thumbnail?width={width}";
}
