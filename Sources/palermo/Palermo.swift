import ArgumentParser

@main
struct Palermo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "palermo",
        abstract: "Palermo: case management and statistics for the UN Global Plan of Action against Trafficking in Persons.",
        subcommands: [Serve.self, Migrate.self, Demo.self, Users.self, Audit.self, Import.self, Export.self, Keys.self, Estimate.self],
        defaultSubcommand: Serve.self
    )
}
