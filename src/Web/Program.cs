using HvWeb.Engine;
using HvWeb.Jobs;
using HvWeb.Persistence;
using HvWeb.Persistence.Events;
using HvWeb.Web.Api;
using HvWeb.Web.Auth;
using HvWeb.Web.Components;
using HvWeb.Web.Demo;
using HvWeb.Web.Display;
using HvWeb.Web.Hosting;

// The content root is the app's own folder, so it runs the same from any working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddHvHostDefaults(args);
var dataRoot = builder.Configuration.GetHvDataRoot();

builder.Services.AddHvPersistence(dataRoot);
builder.Services.AddHvEventLog(builder.Configuration.GetSection(EventLogOptions.Section).Bind);
builder.Services.AddHvEngine(builder.Configuration.GetSection(EngineOptions.Section).Bind);
builder.Services.AddHvJobs(builder.Configuration.GetSection(JobOptions.Section).Bind);

builder.Services.AddHvAuth(dataRoot);
builder.Services.AddHvWebApi();
builder.Services.AddHvUi();
builder.Services.AddHvDemoVm();
builder.Services.AddHvDisplay();

var app = builder.Build();

app.UseHvPipeline();
app.MapStaticAssets().AllowAnonymous();
app.MapHvApi();
app.MapHvAccount();
app.MapHvUi();
app.MapHvDisplay();

app.Run();
