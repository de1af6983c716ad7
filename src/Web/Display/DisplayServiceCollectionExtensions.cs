using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Connections;

namespace HvWeb.Web.Display;

public static class DisplayServiceCollectionExtensions
{
    /// <summary>The VMs' screens: shared display sources, the display hub (MessagePack), thumbnails, per-VM access.</summary>
    public static IServiceCollection AddHvDisplay(this IServiceCollection services)
    {
        services.AddSingleton<VmDisplaySources>();
        services.AddSingleton<VmThumbnails>();
        services.AddSingleton<IAuthorizationHandler, VmDisplayAuthorizationHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(DisplayPolicies.View, policy => policy.RequireAuthenticatedUser().AddRequirements(new VmDisplayRequirement(control: false)))
            .AddPolicy(DisplayPolicies.Control, policy => policy.RequireAuthenticatedUser().AddRequirements(new VmDisplayRequirement(control: true)));
        services.AddSignalR()
            .AddMessagePackProtocol()
            .AddHubOptions<DisplayHub>(options =>
            {
                // Tiles are binary: MessagePack only (no JSON with base64).
                options.SupportedProtocols = ["messagepack"];
                // "Type clipboard text" carries up to 4096 characters.
                options.MaximumReceiveMessageSize = 64 * 1024;
            });
        return services;
    }

    /// <summary>The display hub and the thumbnail endpoint.</summary>
    public static IEndpointRouteBuilder MapHvDisplay(this IEndpointRouteBuilder endpoints)
    {
        // WebSockets only: tiles need a binary, ordered, low-latency channel. ASP.NET Core never
        // negotiates per-message compression for SignalR, so JPEG / PNG tiles are not deflated again.
        endpoints.MapHub<DisplayHub>(DisplayPaths.Hub, options => options.Transports = HttpTransportType.WebSockets);
        ThumbnailEndpoints.Map(endpoints);
        return endpoints;
    }
}
