using HvWeb.Engine.Networking;
using HvWeb.Web.Api.Contracts;

namespace HvWeb.Web.Api;

/// <summary>
/// Virtual Switch Manager: GET/POST /switches, GET/PATCH/DELETE /switches/{id}, and
/// GET /switches/host (can this host build switches, which physical adapters it has);
/// Global Network Settings: GET/PATCH /host/mac-pool, POST /host/mac-pool/reset.
/// </summary>
public static class SwitchEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        MapMacPool(api);
        var group = api.MapGroup("/switches").WithTags("Virtual switches");
        group.MapGet("/", (SwitchService switches) => TypedResults.Ok(switches.List().Select(SwitchDto.From).ToList()))
            .WithName("ListSwitches")
            .WithSummary("The host's virtual switches.")
            .Produces<List<SwitchDto>>();
        group.MapGet("/host", async (SwitchService switches, CancellationToken cancellationToken) =>
                TypedResults.Ok(new SwitchHostDto(switches.Unavailable is null, switches.Unavailable, await switches.PhysicalAdaptersAsync(cancellationToken))))
            .WithName("GetSwitchHost")
            .WithSummary("Whether this host can build virtual switches (CAP_NET_ADMIN) and its physical network adapters.")
            .Produces<SwitchHostDto>();
        group.MapGet("/{id:guid}", (Guid id, SwitchService switches) => TypedResults.Ok(SwitchDto.From(switches.Get(id))))
            .WithName("GetSwitch")
            .Produces<SwitchDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", async (SwitchRequest request, SwitchService switches, CancellationToken cancellationToken) =>
            {
                var created = await switches.CreateAsync(request, cancellationToken);
                return TypedResults.Created($"{ApiPaths.Prefix}/switches/{created.Id}", SwitchDto.From(created));
            })
            .WithName("CreateSwitch")
            .WithSummary("New virtual network switch: External (physicalAdapter, allowManagementOs, managementVlanId), Internal or Private.")
            .WithDescription("A Linux bridge is built at once. hostAddress (\"192.168.50.1/24\") gives the host an address on an internal "
                + "switch or a shared external one. 400 field by field; 409 when this host lacks CAP_NET_ADMIN.")
            .Produces<SwitchDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPatch("/{id:guid}", async (Guid id, SwitchRequest request, SwitchService switches, CancellationToken cancellationToken) =>
                TypedResults.Ok(SwitchDto.From(await switches.UpdateAsync(id, request, cancellationToken))))
            .WithName("UpdateSwitch")
            .WithSummary("Renames a switch, changes its notes or its connection type; omitted fields stay.")
            .WithDescription("VMs refer to a switch by name: renaming or re-typing a switch used by running VMs is refused (409, naming them); "
                + "a VM that is off and still names the old switch is told so when it starts.")
            .Produces<SwitchDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id:guid}", async (Guid id, SwitchService switches, CancellationToken cancellationToken) =>
            {
                await switches.DeleteAsync(id, cancellationToken);
                return TypedResults.NoContent();
            })
            .WithName("DeleteSwitch")
            .WithSummary("Removes a switch and its bridge (an external switch gives its adapter back with its addresses).")
            .WithDescription("Refused (409) while running VMs are connected to it; the answer names them.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static void MapMacPool(IEndpointRouteBuilder api)
    {
        var pool = api.MapGroup("/host/mac-pool").WithTags("Virtual switches");
        pool.MapGet("/", (MacAddressPool macs) => TypedResults.Ok(MacPoolDto.From(macs.Current)))
            .WithName("GetMacPool")
            .WithSummary("The MAC address range dynamic adapters get their address from.")
            .Produces<MacPoolDto>();
        pool.MapPatch("/", (MacPoolUpdate update, MacAddressPool macs) => TypedResults.Ok(MacPoolDto.From(macs.Update(update.Minimum, update.Maximum))))
            .WithName("UpdateMacPool")
            .WithSummary("Changes the MAC address range (\"00-15-5D-0A-0B-00\"); addresses already handed out stay taken.")
            .Produces<MacPoolDto>()
            .ProducesValidationProblem();
        pool.MapPost("/reset", (MacAddressPool macs) => TypedResults.Ok(MacPoolDto.From(macs.Reset())))
            .WithName("ResetMacPool")
            .WithSummary("Forgets every address handed out: allocation starts again at the minimum (VMs keep the addresses they have).")
            .Produces<MacPoolDto>();
    }
}
