namespace HvWeb.Web.Hosting;

public static class PipelineExtensions
{
    /// <summary>Errors as problem details, authentication, authorization, antiforgery.</summary>
    public static WebApplication UseHvPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseWhen(context => Api.ApiPaths.IsApi(context.Request), api => api.UseStatusCodePages(Api.Errors.ApiStatusCodeProblems.WriteAsync));
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }
}
