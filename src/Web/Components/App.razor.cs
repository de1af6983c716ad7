using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;

namespace HvWeb.Web.Components;

public partial class App
{
    /// <summary>
    /// Not prerendered: buttons exist only once the circuit is live, so a click is never lost.
    /// </summary>
    private static readonly IComponentRenderMode InteractiveServerLive = new InteractiveServerRenderMode(prerender: false);

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    /// <summary>Interactive everywhere except pages marked [ExcludeFromInteractiveRouting] (the login form).</summary>
    private IComponentRenderMode? PageRenderMode => HttpContext.AcceptsInteractiveRouting() ? InteractiveServerLive : null;
}
