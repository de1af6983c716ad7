using HvWeb.Engine.Host;
using HvWeb.Engine.Vms;

namespace HvWeb.Web.Api;

public static class HostEndpoints
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/host", (IVmManager vms) => TypedResults.Ok(vms.Host))
            .WithName("GetHost")
            .WithTags("Host")
            .WithSummary("This host: name, accelerator (Kvm or Tcg) and why, QEMU version, processors, memory.")
            .Produces<HostInfo>();
}
