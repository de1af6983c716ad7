using MudBlazor;
using MudBlazor.Services;

namespace HvWeb.Web.Components;

public static class UiExtensions
{
    /// <summary>Blazor (interactive server) and MudBlazor.</summary>
    public static IServiceCollection AddHvUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            options.SnackbarConfiguration.VisibleStateDuration = 8000;
        });
        return services;
    }

    public static IEndpointRouteBuilder MapHvUi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return endpoints;
    }
}
