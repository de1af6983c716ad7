using HvWeb.Persistence.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HvWeb.Persistence.Jobs;

internal sealed class JobLogRecordConfiguration : IEntityTypeConfiguration<JobLogRecord>
{
    public void Configure(EntityTypeBuilder<JobLogRecord> builder)
    {
        builder.ToTable("JobLog");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.TimeUtc).HasConversion<UnixMillisecondsConverter>();
        builder.HasIndex(l => new { l.JobId, l.Id });
    }
}
