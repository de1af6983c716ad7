using System.Security.Claims;
using HvWeb.Persistence.Preferences;
using HvWeb.Web.Components.HostSettings;
using HvWeb.Web.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HvWeb.Web.Api;

/// <summary>The signed-in user's own preferences: GET/PUT /me/preferences/{key}, POST /me/preferences/reset-check-boxes.</summary>
public static class PreferenceEndpoints
{
    /// <summary>A preference: its dotted key and its text value.</summary>
    public sealed record PreferenceDto(string Key, string Value);

    /// <summary>PUT's body.</summary>
    public sealed record PreferenceValue(string Value);

    /// <summary>How many remembered answers Reset Check Boxes forgot.</summary>
    public sealed record ResetCheckBoxesResult(int Removed);

    public static void Map(IEndpointRouteBuilder api)
    {
        var me = api.MapGroup("/me/preferences").WithTags("Preferences");
        me.MapGet("/", ListAsync).WithName("ListPreferences")
            .WithSummary("Every preference of the signed-in user (e.g. user.keyboard, user.mouse-release-key, vmlist.columns).");
        me.MapGet("/{key}", GetAsync).WithName("GetPreference")
            .WithSummary("One preference of the signed-in user; 404 when it was never set.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        me.MapPut("/{key}", SetAsync).WithName("SetPreference")
            .WithSummary("Stores a preference of the signed-in user.")
            .WithDescription("user.keyboard: physical-computer | virtual-machine | full-screen (where Windows-key combinations go). "
                + "user.mouse-release-key: ctrl-alt-left | ctrl-alt-right | ctrl-alt-space | ctrl-alt-shift. Other dotted keys take any text.")
            .ProducesValidationProblem();
        me.MapPost("/reset-check-boxes", ResetAsync).WithName("ResetCheckBoxes")
            .WithSummary("Hyper-V Settings → Reset Check Boxes: forgets the user's \"don't ask again\" answers (confirm.*, wizard.*).");
    }

    private static async Task<Ok<Dictionary<string, string>>> ListAsync(ClaimsPrincipal user, IUserPreferenceStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(new Dictionary<string, string>(await store.ListAsync(JobUser.Of(user), "", cancellationToken)));

    private static async Task<Results<Ok<PreferenceDto>, ProblemHttpResult>> GetAsync(string key, ClaimsPrincipal user, IUserPreferenceStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(JobUser.Of(user), key, cancellationToken) is { } value
            ? TypedResults.Ok(new PreferenceDto(key, value))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"The preference '{key}' is not set for you.");

    private static async Task<Ok<PreferenceDto>> SetAsync(string key, PreferenceValue body, ClaimsPrincipal user, UserSettings settings, CancellationToken cancellationToken)
    {
        await settings.SetAsync(JobUser.Of(user), key, body.Value ?? "", cancellationToken);
        return TypedResults.Ok(new PreferenceDto(key, body.Value ?? ""));
    }

    private static async Task<Ok<ResetCheckBoxesResult>> ResetAsync(ClaimsPrincipal user, UserSettings settings, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ResetCheckBoxesResult(await settings.ResetCheckBoxesAsync(JobUser.Of(user), cancellationToken)));
}
