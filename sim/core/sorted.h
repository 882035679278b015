#pragma once

// Lookup and insertion in vectors kept sorted by a string key (see world.h).

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

namespace certguard::sim {

// `key_of(element)` returns the element's key (convertible to std::string_view).
template <typename T, typename KeyOf>
T* find_sorted(std::vector<T>& items, std::string_view key, KeyOf key_of) {
  auto it = std::lower_bound(
      items.begin(), items.end(), key,
      [&](const T& item, std::string_view k) { return std::string_view(key_of(item)) < k; });
  if (it == items.end() || std::string_view(key_of(*it)) != key) return nullptr;
  return &*it;
}

// The index of the first element whose key is greater than `key` (pagination).
template <typename T, typename KeyOf>
std::size_t upper_index(const std::vector<T>& items, std::string_view key, KeyOf key_of) {
  auto it = std::upper_bound(
      items.begin(), items.end(), key,
      [&](std::string_view k, const T& item) { return k < std::string_view(key_of(item)); });
  return static_cast<std::size_t>(it - items.begin());
}

// Inserts keeping order; returns the inserted element.
template <typename T, typename KeyOf>
T& insert_sorted(std::vector<T>& items, T value, KeyOf key_of) {
  std::string_view key = key_of(value);
  auto it = std::lower_bound(
      items.begin(), items.end(), key,
      [&](const T& item, std::string_view k) { return std::string_view(key_of(item)) < k; });
  return *items.insert(it, std::move(value));
}

// Erases the element with `key`; false if there is none.
template <typename T, typename KeyOf>
bool erase_sorted(std::vector<T>& items, std::string_view key, KeyOf key_of) {
  T* found = find_sorted(items, key, key_of);
  if (found == nullptr) return false;
  items.erase(items.begin() + (found - items.data()));
  return true;
}

}  // namespace certguard::sim
