using AttendanceGraph.Etl.Cli;

return EtlProgram.Run(args, Console.Out, Console.Error);
