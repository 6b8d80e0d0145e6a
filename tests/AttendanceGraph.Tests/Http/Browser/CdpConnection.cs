using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AttendanceGraph.Tests.Http.Browser;

/// <summary>
/// A minimal Chrome DevTools Protocol client over one page target's WebSocket: commands are matched to
/// replies by id, and events are kept so a test can inspect, e.g., every network request the page made.
/// </summary>
public sealed class CdpConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _receiveLoop;
    private int _nextId;

    public ConcurrentQueue<JsonObject> Events { get; } = new();

    public static async Task<CdpConnection> ConnectAsync(Uri webSocketUrl, CancellationToken cancellationToken)
    {
        var connection = new CdpConnection();
        // Page screenshots and large evaluations exceed the default 16 KiB frame buffer.
        connection._socket.Options.SetBuffer(1 << 20, 1 << 16);
        await connection._socket.ConnectAsync(webSocketUrl, cancellationToken);
        connection._receiveLoop = Task.Run(connection.ReceiveLoopAsync);
        return connection;
    }

    public async Task<JsonObject> SendAsync(string method, object? parameters = null, TimeSpan? timeout = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        var message = JsonSerializer.SerializeToUtf8Bytes(new { id, method, @params = parameters ?? new { } });
        await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, _stop.Token);

        var result = await reply.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(30));
        if (result["error"] is JsonNode error)
        {
            throw new InvalidOperationException($"CDP {method} failed: {error.ToJsonString()}");
        }
        return result["result"]?.AsObject() ?? new JsonObject();
    }

    /// <summary>Evaluates a JavaScript expression in the page and returns its JSON value.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new { expression, returnByValue = true, awaitPromise = true });
        if (result["exceptionDetails"] is JsonNode exception)
        {
            throw new InvalidOperationException($"Page script failed: {exception.ToJsonString()}");
        }
        return result["result"]?["value"];
    }

    /// <summary>Polls a boolean expression until it holds; page rendering is asynchronous.</summary>
    public async Task WaitForAsync(string expression, TimeSpan timeout, string description)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await EvaluateAsync(expression);
            if (value?.GetValueKind() == JsonValueKind.True)
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout} waiting for: {description}");
            }
            await Task.Delay(100);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                var frame = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (frame.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
                message.Write(buffer, 0, frame.Count);
                if (!frame.EndOfMessage)
                {
                    continue;
                }
                var json = JsonNode.Parse(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length))!.AsObject();
                message.SetLength(0);
                if (json["id"] is JsonNode id && _pending.TryRemove(id.GetValue<int>(), out var reply))
                {
                    reply.TrySetResult(json);
                }
                else if (json["method"] is not null)
                {
                    Events.Enqueue(json);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The browser closing or disposal ends the loop; pending commands fail below.
        }
        foreach (var pending in _pending.Values)
        {
            pending.TrySetException(new InvalidOperationException("The DevTools connection closed."));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_receiveLoop is not null)
        {
            await _receiveLoop.ConfigureAwait(false);
        }
        _socket.Dispose();
        _stop.Dispose();
    }
}
