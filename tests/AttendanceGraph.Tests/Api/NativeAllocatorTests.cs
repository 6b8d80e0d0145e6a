using AttendanceGraph.Api.Data;
using Microsoft.Extensions.Configuration;

namespace AttendanceGraph.Tests.Api;

/// <summary>DuckDB's jemalloc options go into the process's native environment once, and a value already there wins.</summary>
public sealed class NativeAllocatorTests
{
    [Fact]
    public void TheDefaultOptionsReachTheNativeEnvironment_AndAValueAlreadyThereIsKept()
    {
        if (!OperatingSystem.IsLinux()) return;
        // The test host's API factories may have configured it already (the API does at start): with the default either way.
        var first = NativeAllocator.Configure(new ConfigurationBuilder().Build());
        Assert.Equal(NativeAllocator.Default, first);
        Assert.Equal(NativeAllocator.Default, NativeAllocator.Current());

        var other = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Warehouse:NativeAllocator"] = "narenas:1" }).Build();
        Assert.Equal(NativeAllocator.Default, NativeAllocator.Configure(other));
        Assert.Equal(NativeAllocator.Default, NativeAllocator.Current());
    }
}
