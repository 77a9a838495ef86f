// Loads planner plugins with dlopen. Every entry and planner made from a plugin holds the
// library, so it is unloaded only after the last of them is gone.
#include <fleet/planner/plugin.hpp>
#include <fleet/planner/plugin_loader.hpp>

#include <dlfcn.h>

#include <memory>
#include <set>
#include <string>
#include <utility>

namespace fleet::planner {
namespace {

namespace fs = std::filesystem;

class Library {
public:
  explicit Library(void* handle) : handle_(handle) {}
  ~Library() { ::dlclose(handle_); }
  Library(const Library&) = delete;
  Library& operator=(const Library&) = delete;
  [[nodiscard]] void* symbol(const char* name) const { return ::dlsym(handle_, name); }

private:
  void* handle_;
};

/// A plugin's planner with its library: `inner_` (code of the library) is destroyed first.
class PluginPlanner final : public Planner {
public:
  PluginPlanner(std::shared_ptr<const Library> library, std::unique_ptr<Planner> inner)
      : library_(std::move(library)), inner_(std::move(inner)) {}
  [[nodiscard]] std::string_view name() const override { return inner_->name(); }
  Result solve(const Instance& instance, const StopCondition& stop) override {
    return inner_->solve(instance, stop);
  }
  void preprocess(const Instance& instance) override { inner_->preprocess(instance); }

private:
  std::shared_ptr<const Library> library_;
  std::unique_ptr<Planner> inner_;
};

/// The plugin's factory with its library; members are destroyed in reverse order, so the
/// factory (code of the library) goes before the library.
struct PluginFactory {
  std::shared_ptr<const Library> library;
  PlannerRegistry::Factory make;

  std::unique_ptr<Planner> operator()(const ParamValues& values, std::uint64_t seed) const {
    auto made = make(values, seed);
    if (made == nullptr) return nullptr;
    return std::make_unique<PluginPlanner>(library, std::move(made));
  }
};

std::shared_ptr<const Library> open(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw PluginError(path, "plugin not found (no such file)");
  if (!fs::is_regular_file(path, ec)) throw PluginError(path, "plugin is not a regular file");
  // RTLD_LOCAL: two plugins may define the same internal symbols without clashing.
  void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = ::dlerror();
    throw PluginError(path, std::string("cannot load the plugin as a shared library: ") +
                                (why != nullptr ? why : "unknown reason"));
  }
  return std::make_shared<const Library>(handle);
}

const PluginDescriptor& descriptor_of(const Library& library, const fs::path& path) {
  using EntryPoint = const PluginDescriptor* (*)();
  void* symbol = library.symbol(kPluginEntryPoint);
  if (symbol == nullptr)
    throw PluginError(path, std::string("not a fleetsim plugin: it has no '") +
                                kPluginEntryPoint +
                                "' entry point (define one with FLEETSIM_PLUGIN)");
  const PluginDescriptor* descriptor = reinterpret_cast<EntryPoint>(symbol)();
  if (descriptor == nullptr)
    throw PluginError(path, std::string("its '") + kPluginEntryPoint + "' returned nothing");
  // Checked before anything else in the descriptor is read: its layout may differ.
  if (descriptor->abi_version != kPluginAbiVersion)
    throw PluginError(path, "built for plugin ABI version " +
                                std::to_string(descriptor->abi_version) + ", but fleetsim " +
                                std::string(kVersion) + " loads version " +
                                std::to_string(kPluginAbiVersion) +
                                "; rebuild the plugin against this fleetsim");
  if (descriptor->register_planners == nullptr)
    throw PluginError(path, "its descriptor has no register_planners function");
  return *descriptor;
}

}  // namespace

void load_plugin(PlannerRegistry& registry, const fs::path& path) {
  const auto library = open(path);
  const PluginDescriptor& descriptor = descriptor_of(*library, path);
  const std::string plugin_name = descriptor.name != nullptr ? descriptor.name : "?";

  PlannerRegistry own;
  try {
    descriptor.register_planners(own);
  } catch (const std::exception& e) {
    throw PluginError(path, "plugin '" + plugin_name + "' failed to register its planners: " +
                                e.what());
  } catch (...) {
    throw PluginError(path, "plugin '" + plugin_name +
                                "' failed to register its planners (unknown exception)");
  }
  if (own.entries().empty())
    throw PluginError(path, "plugin '" + plugin_name + "' registered no planners");
  for (const auto* entry : own.entries())
    if (registry.find(entry->name) != nullptr)
      throw PluginError(path, "plugin '" + plugin_name + "' registers planner '" + entry->name +
                                  "', but that name is already taken (built in or by an "
                                  "earlier plugin)");
  for (const auto* entry : own.entries()) {
    PlannerRegistry::Entry copy = *entry;
    copy.make = PluginFactory{library, std::move(copy.make)};
    registry.add(std::move(copy));
  }
}

void load_plugins(PlannerRegistry& registry, const std::vector<fs::path>& paths) {
  std::set<fs::path> loaded;
  for (const auto& path : paths) {
    std::error_code ec;
    fs::path key = fs::weakly_canonical(path, ec);
    if (ec) key = path;
    if (loaded.insert(key).second) load_plugin(registry, path);
  }
}

PlannerRegistry planners_with_plugins(const std::vector<fs::path>& plugins) {
  PlannerRegistry registry = builtin_planners();
  load_plugins(registry, plugins);
  return registry;
}

}  // namespace fleet::planner
